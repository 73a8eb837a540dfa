"""The synthetic tickets in data/tickets.csv, generated deterministically (`python -m` this module).

Each ticket combines independent parts: an opening, a topic (one of several wordings per intent)
placed in a frame that fits any team, an optional detail and a closing, with slots (products,
amounts, dates) and casing and typo noise. `group` names the intent and frame a ticket came from,
so the split keeps each template on one side. About one ticket in ten is about a topic that belongs
to two teams (labelled with either), and 3% of labels are flipped, as in real, imperfect data.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pandas as pd

SEED = 7
SIZE = 1600
AMBIGUOUS_SHARE = 0.1
LABEL_NOISE = 0.03
LABELS = ("account", "billing", "shipping", "technical")

# label -> intent -> topics: what the ticket is about, in several wordings. Topics go into frames.
TOPICS: dict[str, dict[str, list[str]]] = {
    "account": {
        "login": [
            "logging in to my account",
            "the sign-in page",
            "my locked account",
            "access to my profile",
        ],
        "password": [
            "the password reset email",
            "resetting my password",
            "the reset link",
            "my password",
        ],
        "email": ["the email address on my account", "changing my login email", "my profile email"],
        "delete": ["deleting my account", "closing my profile", "removing all my personal data"],
        "two_factor": [
            "the two-factor code",
            "two-step verification",
            "the verification code by SMS",
        ],
        "users": [
            "adding a second user to my account",
            "sharing my account with my partner",
            "transferring the account to a colleague",
        ],
    },
    "billing": {
        "double_charge": [
            "a double charge on my card",
            "being charged twice for {order}",
            "two payments of {amount}",
        ],
        "refund": ["my refund for {order}", "the refund of {amount}", "getting my money back"],
        "invoice": [
            "the invoice for {month}",
            "a VAT invoice",
            "my receipts",
            "the invoice's company name",
        ],
        "declined": [
            "my card being declined",
            "the failed payment at checkout",
            "paying with PayPal",
        ],
        "price": [
            "the price increase of my {plan} plan",
            "the discount code on my bill",
            "a charge of {amount} I don't recognise",
        ],
        "cancel_plan": [
            "cancelling my {plan} subscription",
            "the renewal charge after I cancelled",
            "downgrading to the free plan",
        ],
    },
    "shipping": {
        "late": [
            "my parcel {order}",
            "the late delivery",
            "a package that should have arrived by now",
        ],
        "tracking": [
            "the tracking number",
            "tracking stuck on 'in transit'",
            "finding my shipment",
        ],
        "damaged": [
            "a broken {product} from the delivery",
            "the crushed box",
            "a {product} damaged in transit",
        ],
        "wrong_item": [
            "the wrong item in order {order}",
            "a missing item from my parcel",
            "receiving a {product} I did not order",
        ],
        "address": [
            "the delivery address for {order}",
            "shipping to my new address",
            "the courier going to my old address",
        ],
        "return": [
            "sending the {product} back",
            "a return label for {order}",
            "the courier pickup for my return",
        ],
    },
    "technical": {
        "crash": [
            "the app crashing when I open {feature}",
            "the {device} app freezing",
            "the app closing itself",
        ],
        "sync": [
            "sync between my phone and laptop",
            "changes not showing up on my {device}",
            "sync stuck at 99 percent",
        ],
        "error": [
            "error {code} when I save",
            "the 'something went wrong' page",
            "uploads failing with error {code}",
        ],
        "slow": [
            "the website being very slow",
            "the {feature} taking minutes to load",
            "lag since the update",
        ],
        "update": [
            "the update to version {version}",
            "the {feature} missing after the update",
            "installing the latest {device} version",
        ],
        "connect": [
            "the {product} not connecting to wifi",
            "bluetooth pairing with the {product}",
            "the {product} disconnecting from the app",
        ],
    },
}

# Frames hold a topic; most fit any team, so wording alone does not give the label away.
FRAMES = [
    "I have a problem with {topic}",
    "can you help me with {topic}?",
    "question about {topic}",
    "still waiting for an answer about {topic}",
    "nothing works regarding {topic}",
    "what is going on with {topic}?",
    "please look into {topic}",
    "issue: {topic}",
    "I'm really unhappy about {topic}",
    "could someone explain {topic} to me",
    "need urgent help with {topic}",
    "this is about {topic}",
]

# Topics that belong to two teams at once: the label is either, as it would be for a human router.
AMBIGUOUS = [
    (
        "billing",
        "shipping",
        [
            "being charged for a parcel that never arrived",
            "paying extra for express delivery that came late",
        ],
    ),
    (
        "account",
        "billing",
        ["not being able to log in to pay my invoice", "a charge on an account I closed"],
    ),
    (
        "technical",
        "account",
        ["the app crashing on the account settings page", "the login button doing nothing"],
    ),
    (
        "technical",
        "shipping",
        ["the tracking page showing an error", "the app not loading my order status"],
    ),
]

OPENINGS = [
    "",
    "",
    "Hi,",
    "Hello,",
    "Hello team,",
    "Good morning.",
    "Hey there!",
    "Dear support,",
    "Hi support team,",
    "Urgent:",
    "Quick question:",
    "Sorry to bother you again,",
]
DETAILS = [
    "",
    "",
    "",
    "I have been a customer for {years} years.",
    "This is the second time I write about this.",
    "It started {days} days ago.",
    "Sorry for my English.",
    "My order number is {order}.",
    "I tried twice already.",
    "I am using the {device} app.",
    "Nothing on your help pages explains it.",
    "My colleague has the same issue.",
]
CLOSINGS = [
    "",
    "",
    "Thanks.",
    "Thank you!",
    "Please help.",
    "Regards, {name}",
    "Can you fix this?",
    "Any idea?",
    "Please reply soon.",
    "Cheers",
]
SLOTS = {
    "amount": ["$12.99", "49 EUR", "£30", "$120", "19.90 EUR"],
    "order": ["#10234", "#55871", "A-2291", "#90017", "B-7731"],
    "plan": ["Pro", "Plus", "Family", "Business", "annual"],
    "month": ["March", "June", "October", "December"],
    "days": ["3", "5", "ten", "two", "7"],
    "product": ["speaker", "headphones", "lamp", "camera", "smart plug", "watch"],
    "device": ["iPhone", "Android", "iPad", "Windows", "Mac"],
    "feature": ["camera", "settings", "search", "calendar", "photo editor", "export"],
    "code": ["500", "E42", "403", "0x80070005", "1009"],
    "version": ["4.2", "5.0", "3.9.1", "6.1"],
    "email": ["sam@example.com", "li.wei@example.org", "a.k@example.net"],
    "name": ["Sam", "Priya", "Jonas", "Mei", "Carlos", "Ana"],
    "years": ["two", "5", "ten", "3"],
}


def _fill(rng: random.Random, text: str) -> str:
    for slot, values in SLOTS.items():
        while "{" + slot + "}" in text:
            text = text.replace("{" + slot + "}", rng.choice(values), 1)
    return text


def _noisy(rng: random.Random, text: str) -> str:
    """Casing, punctuation and typo noise, as people write."""
    if rng.random() < 0.15:
        text = text.lower()
    if rng.random() < 0.05:
        text = text.upper()
    if rng.random() < 0.2:
        text = text.rstrip(".!?")
    if rng.random() < 0.15 and len(text) > 20:
        i = rng.randrange(1, len(text) - 1)
        text = text[:i] + text[i + 1 :]
    return text


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + ("" if text[-1] in ".!?" else ".") if text else text


def generate(size: int = SIZE, seed: int = SEED) -> pd.DataFrame:
    """`size` distinct tickets (text, label, group), the same for the same seed."""
    rng = random.Random(seed)
    sources = [
        (label, f"{label}/{intent}/frame{f}", topics, frame)
        for label, intents in TOPICS.items()
        for intent, topics in intents.items()
        for f, frame in enumerate(FRAMES)
    ]
    rows, seen = [], set()
    while len(rows) < size:
        if rng.random() < AMBIGUOUS_SHARE:
            first, second, topics = rng.choice(AMBIGUOUS)
            f = rng.randrange(len(FRAMES))
            label, group, frame = (
                rng.choice([first, second]),
                f"{first}+{second}/frame{f}",
                FRAMES[f],
            )
        else:
            label, group, topics, frame = rng.choice(sources)
        problem = frame.format(topic=rng.choice(topics))
        parts = [
            rng.choice(OPENINGS),
            _sentence(problem),
            rng.choice(DETAILS),
            rng.choice(CLOSINGS),
        ]
        text = _noisy(rng, _fill(rng, " ".join(p for p in parts if p)))
        if text.lower() in seen:
            continue
        seen.add(text.lower())
        if rng.random() < LABEL_NOISE:
            label = rng.choice([other for other in LABELS if other != label])
        rows.append({"text": text, "label": label, "group": group})
    return pd.DataFrame(rows, columns=["text", "label", "group"])


def main(argv: list[str] | None = None) -> int:
    from .data import DEFAULT_DATA_PATH

    path = Path(argv[0]) if argv else DEFAULT_DATA_PATH
    generate().to_csv(path, index=False)
    print(f"wrote {SIZE} synthetic tickets to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
