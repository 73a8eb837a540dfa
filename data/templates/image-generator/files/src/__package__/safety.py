"""The safety filter every request and every generated image passes before it is returned.

This generator only draws the classes it was trained on, so the prompt check is an allow-list; for a
text-to-image model keep the same two gates (prompt in, image out) with real classifiers behind
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

BLOCKED_TERMS = ("nude", "nsfw", "gore", "weapon", "celebrity", "ignore", "bypass", "jailbreak")
MAX_PROMPT_LENGTH = 40


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""


def check_prompt(prompt: str, allowed: tuple[str, ...]) -> Verdict:
    """Allowed only when the prompt is exactly one of the `allowed` class names, in any case."""
    text = prompt.strip().lower()
    if not text or len(text) > MAX_PROMPT_LENGTH:
        return Verdict(False, f"the prompt must be 1-{MAX_PROMPT_LENGTH} characters")
    blocked = sorted(set(re.findall(r"[a-z]+", text)).intersection(BLOCKED_TERMS))
    if blocked:
        return Verdict(False, f"blocked term: {blocked[0]}")
    if text not in allowed:
        return Verdict(False, f"this model only draws: {', '.join(allowed)}")
    return Verdict(True)


def check_image(image: np.ndarray) -> Verdict:
    if not np.isfinite(image).all():
        return Verdict(False, "the image has non-finite pixels")
    if image.min() < 0.0 or image.max() > 1.0:
        return Verdict(False, "pixel values are outside [0, 1]")
    if image.max() < 0.2:
        return Verdict(False, "the image is blank")
    return Verdict(True)
