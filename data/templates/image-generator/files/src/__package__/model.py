"""A conditional variational autoencoder (CVAE): sample a latent vector, decode it for the requested shape."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from .data import SHAPES, SIZE

PIXELS = SIZE * SIZE


class ConditionalVAE(nn.Module):
    # Two latent dimensions suffice for position and size, and keep samples on the data manifold.
    def __init__(self, latent_dim: int = 2, hidden: int = 256, n_classes: int = len(SHAPES)):
        super().__init__()
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
    def sample(self, labels: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        z = torch.randn(len(labels), self.latent_dim, generator=generator)
        logits = self.decoder(torch.cat([z, self.condition(labels)], dim=1))
        return torch.sigmoid(logits).view(-1, SIZE, SIZE)


def loss_fn(logits, images, mu, log_var) -> torch.Tensor:
    reconstruction = F.binary_cross_entropy_with_logits(logits, images, reduction="sum")
    kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())
    return (reconstruction + kl) / len(images)
