"""The staff PIN: salted scrypt hashes and the wrong-PIN back-off.

The hash keeps its scrypt parameters next to it, so they can be raised later without making
old config files unreadable. A PIN is 6 to 32 digits: digits so the on-screen keypad can
enter it on a touchscreen, at least 6 because the hash sits in a readable config file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass

ALGORITHM = "scrypt"
#: scrypt cost parameters for new hashes (~16 MiB and ~50 ms on a small machine).
DEFAULT_N = 2**14
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32
PIN_MIN_DIGITS = 6
PIN_MAX_DIGITS = 32

#: Refuse absurd parameters read from a config file (they would hang or exhaust memory).
_MAX_N = 2**20
_MAX_R = 32
_MAX_P = 16
#: scrypt needs 128 * n * r bytes: at most 4x the default's 16 MiB.
MAX_MEMORY_BYTES = 64 * 2**20
#: Work grows with n * r * p: at most 4x the default's (~0.2 s on a small machine), so a PIN
#: check never stalls the kiosk.
MAX_WORK = 4 * DEFAULT_N * DEFAULT_R * DEFAULT_P


class PinError(ValueError):
    """A PIN that cannot be used, with a message for staff."""


@dataclass(frozen=True, slots=True)
class PinHash:
    """A salted scrypt hash of the staff PIN, with the parameters that made it."""

    salt: bytes
    hash: bytes
    n: int = DEFAULT_N
    r: int = DEFAULT_R
    p: int = DEFAULT_P
    algorithm: str = ALGORITHM

    def to_toml_table(self) -> dict[str, str | int]:
        """The `[pin]` table as written to kiosk.toml (salt and hash in base64)."""
        return {
            "algorithm": self.algorithm,
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": base64.b64encode(self.salt).decode("ascii"),
            "hash": base64.b64encode(self.hash).decode("ascii"),
        }

    @classmethod
    def from_toml_table(cls, table: dict[str, object]) -> PinHash:
        """Read a `[pin]` table. Raises PinError naming the bad key."""
        known = {"algorithm", "n", "r", "p", "salt", "hash"}
        unknown = sorted(set(table) - known)
        if unknown:
            raise PinError(f"'pin.{unknown[0]}' is not a known key of the [pin] table")
        algorithm = table.get("algorithm", ALGORITHM)
        if algorithm != ALGORITHM:
            raise PinError(f"'pin.algorithm' must be \"scrypt\", got {algorithm!r}")
        params: dict[str, int] = {}
        for key, default, limit in (
            ("n", DEFAULT_N, _MAX_N),
            ("r", DEFAULT_R, _MAX_R),
            ("p", DEFAULT_P, _MAX_P),
        ):
            value = table.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
                raise PinError(
                    f"'pin.{key}' must be a whole number from 1 to {limit}, got {value!r}"
                )
            params[key] = value
        if params["n"] < 2 or params["n"] & (params["n"] - 1):
            raise PinError(f"'pin.n' must be a power of two, got {params['n']}")
        _check_cost(params["n"], params["r"], params["p"])
        decoded: dict[str, bytes] = {}
        for key in ("salt", "hash"):
            value = table.get(key)
            if not isinstance(value, str) or not value:
                raise PinError(
                    f"'pin.{key}' is missing: set the PIN again with `ketatui kiosk --set-pin`"
                )
            try:
                decoded[key] = base64.b64decode(value, validate=True)
            except ValueError:
                raise PinError(
                    f"'pin.{key}' is not valid base64: set the PIN again with "
                    "`ketatui kiosk --set-pin`"
                ) from None
        return cls(
            salt=decoded["salt"], hash=decoded["hash"], n=params["n"], r=params["r"], p=params["p"]
        )


def _check_cost(n: int, r: int, p: int) -> None:
    """Refuse scrypt parameters that would make every PIN check fail or stall."""
    if 128 * n * r > MAX_MEMORY_BYTES or n * r * p > MAX_WORK:
        raise PinError(
            f"the [pin] parameters (n = {n}, r = {r}, p = {p}) would make every PIN check "
            f"too slow or too large for memory (at most n * r = {MAX_MEMORY_BYTES // 128} and "
            f"n * r * p = {MAX_WORK}): set the PIN again with `ketatui kiosk --set-pin`"
        )


def check_pin_format(pin: str) -> str:
    """The PIN without surrounding spaces. Raises PinError if it is not 6-32 digits."""
    pin = pin.strip()
    if not pin.isascii() or not pin.isdigit():
        raise PinError(
            "the PIN must be digits only (0-9), so it can be typed on the on-screen keypad"
        )
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        raise PinError(
            f"the PIN must be {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits long, got {len(pin)}"
        )
    return pin


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # maxmem must cover 128 * n * r bytes plus slack, or OpenSSL refuses.
    return hashlib.scrypt(
        pin.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=128 * n * r * 2 + 1024 * 1024,
        dklen=length,
    )


def hash_pin(pin: str, *, n: int = DEFAULT_N, r: int = DEFAULT_R, p: int = DEFAULT_P) -> PinHash:
    """Hash a PIN (checked with `check_pin_format`) with a fresh random salt."""
    pin = check_pin_format(pin)
    salt = os.urandom(SALT_BYTES)
    return PinHash(salt=salt, hash=_scrypt(pin, salt, n, r, p, HASH_BYTES), n=n, r=r, p=p)


def verify_pin(pin: str, stored: PinHash) -> bool:
    """Whether `pin` matches the stored hash (constant-time compare)."""
    candidate = pin.strip()
    if not candidate or len(candidate) > 256:
        return False
    digest = _scrypt(candidate, stored.salt, stored.n, stored.r, stored.p, len(stored.hash))
    return hmac.compare_digest(digest, stored.hash)


@dataclass(frozen=True, slots=True)
class PinAttempt:
    """What happened to one PIN entry."""

    ok: bool
    #: True when the entry was refused unchecked because of an earlier run of wrong PINs.
    locked: bool = False
    #: Seconds until the next entry is checked (0 when none is due).
    wait_seconds: float = 0.0
    #: Wrong entries left before a wait starts (0 while waits apply).
    tries_left: int = 0


class PinGuard:
    """Checks PIN entries and backs off after wrong ones.

    The `free_tries`-th wrong entry in a row (3rd by default) starts a wait of `first_wait`
    seconds, and each wrong entry after that doubles it, up to `max_wait`. While a wait runs
    every entry is refused unchecked, even the right PIN. A right PIN clears the count.
    """

    def __init__(
        self,
        stored: PinHash,
        clock: Callable[[], float],
        *,
        free_tries: int = 3,
        first_wait: float = 30.0,
        max_wait: float = 15 * 60.0,
        verify: Callable[[str, PinHash], bool] = verify_pin,
        log: Callable[[str], None] = lambda _line: None,
    ) -> None:
        self.stored = stored
        #: Told of each wrong entry and each wait (the kiosk writes them to its log).
        self.log = log
        self.clock = clock
        self.free_tries = free_tries
        self.first_wait = first_wait
        self.max_wait = max_wait
        self._verify = verify
        self.failures = 0
        self._locked_until = 0.0

    def wait_remaining(self) -> float:
        """Seconds until an entry will be checked again (0 if now)."""
        return max(0.0, self._locked_until - self.clock())

    def tries_left(self) -> int:
        """Wrong entries allowed before the first wait."""
        return max(0, self.free_tries - self.failures)

    def attempt(self, pin: str) -> PinAttempt:
        """Check one entry."""
        wait = self.wait_remaining()
        if wait > 0:
            self.log(f"staff PIN entry refused unchecked: {round(wait)} s of a wait left")
            return PinAttempt(ok=False, locked=True, wait_seconds=wait)
        if self._verify(pin, self.stored):
            self.failures = 0
            self._locked_until = 0.0
            return PinAttempt(ok=True, tries_left=self.free_tries)
        self.failures += 1
        self.log(f"wrong staff PIN ({self.failures} in a row)")
        over = self.failures - self.free_tries
        if over >= 0:
            wait = min(self.first_wait * 2**over, self.max_wait)
            self._locked_until = self.clock() + wait
            self.log(f"staff PIN locked for {round(wait)} s after {self.failures} wrong entries")
            return PinAttempt(ok=False, wait_seconds=wait)
        return PinAttempt(ok=False, tries_left=self.tries_left())
