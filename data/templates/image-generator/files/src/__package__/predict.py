"""Generating an image for a prompt (a shape name), behind the safety filter, encoded as PNG."""

from __future__ import annotations

import base64
import struct
import sys
import zlib

import numpy as np
import torch

from .data import SHAPES, make_dataset, split
from .safety import check_image, check_prompt
from .train import MODEL_PATH, load, save, train


class Refused(ValueError):
    """The safety filter refused the prompt or the image."""


def load_or_train():
    if MODEL_PATH.exists():
        return load(MODEL_PATH)
    model = train(split(make_dataset())[0])
    save(model)
    return model


def generate(model, prompt: str, seed: int = 0) -> np.ndarray:
    verdict = check_prompt(prompt)
    if not verdict.allowed:
        raise Refused(verdict.reason)
    label = torch.tensor([SHAPES.index(prompt.strip().lower())])
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
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", pixels.shape[1], pixels.shape[0], 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def to_png_base64(image: np.ndarray) -> str:
    return base64.b64encode(to_png(image)).decode("ascii")


def main() -> None:
    prompt = sys.argv[1] if len(sys.argv) > 1 else "circle"
    image = generate(load_or_train(), prompt)
    for row in image:
        print("".join("#" if v > 0.5 else "." for v in row))


if __name__ == "__main__":
    main()
