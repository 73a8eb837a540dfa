"""Training the CVAE on the generated shapes; seconds on a laptop CPU."""

from __future__ import annotations

import os
from pathlib import Path

import torch

from .data import SEED, Dataset, make_dataset, split
from .model import ConditionalVAE, loss_fn

PROJECT_ROOT = Path(os.environ.get("PROJECT_ROOT", Path(__file__).resolve().parents[2]))
MODEL_PATH = PROJECT_ROOT / "models" / "cvae.pt"


def train(data: Dataset, epochs: int = 30, batch_size: int = 64, seed: int = SEED) -> ConditionalVAE:
    torch.manual_seed(seed)
    images = torch.from_numpy(data.images)
    labels = torch.from_numpy(data.labels).long()
    model = ConditionalVAE()
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(epochs):
        for batch in torch.randperm(len(images), generator=generator).split(batch_size):
            logits, mu, log_var = model(images[batch], labels[batch])
            loss = loss_fn(logits, images[batch], mu, log_var)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return model.eval()


def save(model: ConditionalVAE, path: Path = MODEL_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), path)
    return path


def load(path: Path = MODEL_PATH) -> ConditionalVAE:
    model = ConditionalVAE()
    model.load_state_dict(torch.load(path))
    return model.eval()


def main() -> None:
    train_data, _ = split(make_dataset())
    model = train(train_data)
    print(f"trained on {len(train_data.labels)} images; saved to {save(model)}")


if __name__ == "__main__":
    main()
