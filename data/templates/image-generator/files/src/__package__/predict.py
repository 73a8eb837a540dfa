"""Generates an image with the saved model, behind the safety filter, and prints it as text.

The API returns the same image as a PNG. Usage:

    python -m {{packageName}}.predict PROMPT
"""

from __future__ import annotations

import argparse
import base64
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
import torch

from .model import MODEL_PATH, ConditionalVAE, load_generator
from .safety import check_image, check_prompt


class Refused(ValueError):
    """The safety filter refused the prompt or the image."""


def generate(
    model: ConditionalVAE, class_names: tuple[str, ...], prompt: str, seed: int = 0
) -> np.ndarray:
    """The image for `prompt` (a class name); the same seed gives the same image."""
    verdict = check_prompt(prompt, class_names)
    if not verdict.allowed:
        raise Refused(verdict.reason)
    label = torch.tensor([class_names.index(prompt.strip().lower())])
    image = model.sample(label, torch.Generator().manual_seed(seed))[0].numpy()
    verdict = check_image(image)
    if not verdict.allowed:
        raise Refused(verdict.reason)
    return image


def to_png(image: np.ndarray) -> bytes:
    """A minimal greyscale PNG encoder, so serving needs no imaging library."""
    pixels = (np.clip(image, 0, 1) * 255).astype(np.uint8)
    raw = b"".join(b"\x00" + row.tobytes() for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", pixels.shape[1], pixels.shape[0], 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def to_png_base64(image: np.ndarray) -> str:
    return base64.b64encode(to_png(image)).decode("ascii")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prompt")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model-path", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    try:
        model, class_names, _ = load_generator(args.model_path)
        image = generate(model, class_names, args.prompt, args.seed)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for row in image:
        print("".join("#" if v > 0.5 else "+" if v > 0.2 else "." for v in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
