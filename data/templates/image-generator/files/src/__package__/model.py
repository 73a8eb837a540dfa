"""The generator: a conditional variational autoencoder (CVAE) that decodes a random latent vector
into an image of the requested class.

Saved as a plain dictionary of tensors, numbers and strings (`torch.load(..., weights_only=True)`
reads it), so any process can load it and loading never runs code from the file.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

from .data import SIZE
from .tracking import PROJECT_ROOT

PIXELS = SIZE * SIZE
MODEL_PATH = PROJECT_ROOT / "models" / "cvae.pt"


class ConditionalVAE(nn.Module):
    def __init__(self, n_classes: int, latent_dim: int = 2, hidden: int = 256):
        super().__init__()
        self.config = {"n_classes": n_classes, "latent_dim": latent_dim, "hidden": hidden}
        self.latent_dim, self.n_classes = latent_dim, n_classes
        self.encoder = nn.Sequential(nn.Linear(PIXELS + n_classes, hidden), nn.ReLU())
        self.mu = nn.Linear(hidden, latent_dim)
        self.log_var = nn.Linear(hidden, latent_dim)
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim + n_classes, hidden), nn.ReLU(), nn.Linear(hidden, PIXELS)
        )

    def condition(self, labels: torch.Tensor) -> torch.Tensor:
        return F.one_hot(labels, self.n_classes).float()

    def forward(self, images: torch.Tensor, labels: torch.Tensor):
        c = self.condition(labels)
        h = self.encoder(torch.cat([images.flatten(1), c], dim=1))
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * log_var)
        logits = self.decoder(torch.cat([z, c], dim=1))
        return logits.view(-1, SIZE, SIZE), mu, log_var

    @torch.no_grad()
    def sample(
        self, labels: torch.Tensor, generator: torch.Generator | None = None
    ) -> torch.Tensor:
        z = torch.randn(len(labels), self.latent_dim, generator=generator)
        logits = self.decoder(torch.cat([z, self.condition(labels)], dim=1))
        return torch.sigmoid(logits).view(-1, SIZE, SIZE)


def loss_fn(logits, images, mu, log_var) -> torch.Tensor:
    """The negative evidence lower bound (ELBO) per image: reconstruction + KL divergence."""
    reconstruction = F.binary_cross_entropy_with_logits(logits, images, reduction="sum")
    kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())
    return (reconstruction + kl) / len(images)


def save_generator(
    model: ConditionalVAE, path: Path, class_names: tuple[str, ...], meta: dict[str, object]
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(
        {
            "config": model.config,
            "state_dict": model.state_dict(),
            "class_names": list(class_names),
            # JSON text: torch 1.13's weights-only loader cannot read pickled floats.
            "meta": json.dumps(meta),
        },
        path,
    )
    return path


def load_generator(path: Path = MODEL_PATH) -> tuple[ConditionalVAE, tuple[str, ...], dict]:
    """(model, class names, meta) saved at `path`; FileNotFoundError or ValueError say why not."""
    shown = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
    if not path.exists():
        raise FileNotFoundError(f"no trained model at {shown}; run make train")
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
        model = ConditionalVAE(**saved["config"])
        model.load_state_dict(saved["state_dict"])
        class_names, meta = tuple(saved["class_names"]), json.loads(saved["meta"])
    # A truncated or foreign file fails in the unpickler, in load_state_dict or in json.loads.
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        LookupError,
        RuntimeError,
        TypeError,
        ValueError,
    ) as error:
        raise ValueError(
            f"{shown} is not a model saved by make train ({error}); run it again"
        ) from None
    return model.eval(), class_names, meta
