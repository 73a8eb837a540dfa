"""`make train`: choose the latent size on the validation split, save the generator to models/."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import torch

from .data import SEED, SOURCES, Dataset, Split, load_dataset, split_dataset
from .model import MODEL_PATH, ConditionalVAE, loss_fn, save_generator

LATENT_CANDIDATES = (2, 4, 8)
EPOCHS = 30


def train_generator(
    data: Dataset, latent_dim: int = 2, epochs: int = EPOCHS, batch_size: int = 64, seed: int = SEED
) -> ConditionalVAE:
    torch.manual_seed(seed)
    images = torch.from_numpy(data.images)
    labels = torch.from_numpy(data.labels).long()
    model = ConditionalVAE(len(data.class_names), latent_dim=latent_dim)
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    order = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(epochs):
        for batch in torch.randperm(len(images), generator=order).split(batch_size):
            logits, mu, log_var = model(images[batch], labels[batch])
            loss = loss_fn(logits, images[batch], mu, log_var)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return model.eval()


@torch.no_grad()
def validation_loss(model: ConditionalVAE, data: Dataset, seed: int = SEED) -> float:
    """The negative ELBO per validation image (lower is better), with seeded latent noise."""
    torch.manual_seed(seed)
    images = torch.from_numpy(data.images)
    logits, mu, log_var = model(images, torch.from_numpy(data.labels).long())
    return float(loss_fn(logits, images, mu, log_var))


def fit_candidates(
    split: Split, candidates: tuple[int, ...], epochs: int
) -> dict[int, tuple[ConditionalVAE, float]]:
    """Trains one generator per latent size on train; scores each on validation, never on test."""
    fitted = {}
    for latent_dim in candidates:
        model = train_generator(split.train, latent_dim=latent_dim, epochs=epochs)
        fitted[latent_dim] = (model, validation_loss(model, split.validation))
    return fitted


def tune_latent_dim(
    split: Split, candidates: tuple[int, ...] = LATENT_CANDIDATES, epochs: int = EPOCHS
) -> tuple[int, dict[int, float]]:
    losses = {n: loss for n, (_, loss) in fit_candidates(split, candidates, epochs).items()}
    return min(losses, key=lambda n: losses[n]), losses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", choices=SOURCES, default="shapes")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--model-path", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    data = load_dataset(args.data)
    split = split_dataset(data)
    fitted = fit_candidates(split, LATENT_CANDIDATES, args.epochs)
    latent_dim = min(fitted, key=lambda n: fitted[n][1])
    model, loss = fitted[latent_dim]
    meta = {
        "data": args.data,
        "latent_dim": latent_dim,
        "epochs": args.epochs,
        "validation_loss": {str(n): round(value, 3) for n, (_, value) in fitted.items()},
    }
    path = save_generator(model, args.model_path, data.class_names, meta)
    print(
        f"conditional VAE with latent size {latent_dim} (validation loss {loss:.1f}, the lowest of "
        f"{', '.join(map(str, fitted))}) trained on {len(split.train)} images in "
        f"{time.perf_counter() - started:.1f} s; {len(split.validation)} validation and "
        f"{len(split.test)} test images held out for make evaluate; saved to {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
