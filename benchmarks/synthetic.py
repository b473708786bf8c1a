"""Deterministic synthetic survey data with the seed's seven columns, for tests and benchmarks."""

from __future__ import annotations

import csv
import io
import random

COLUMNS = ("model", "year", "vision_encoder", "adapter", "llm", "training_recipe", "data_recipe")
_ENCODERS = ("CLIP ViT-L/14", "ViT-bigG", "SigLIP-2", "SigLIP-v2", "EVA-CLIP", "ConvNeXt", "-")
_ADAPTERS = ("Linear", "MLP", "Q-Former", "Cross-attention", "Conv2d + MLP", "Perceiver", "-")
_LLMS = ("Vicuna", "Qwen", "Qwen2", "Qwen2.5", "LLaMA-2", "LLaMA-3", "Mistral", "Hunyuan")
_RECIPES = ("Pre-training + SFT", "Pre-training + Post-training", "Multi-stage + RL", "-")
_DATA = ("Image-text pairs", "1.2T tokens", "4T tokens", "200M image-text pairs", "-")


def synthetic_models(count: int, seed: int = 2025) -> list[dict[str, str]]:
    """``count`` models, the same ones for the same arguments."""
    rng = random.Random(seed)
    return [
        {
            "model": f"Model-{index}",
            "year": f"{rng.randint(2019, 2025)}.{rng.randint(1, 12):02d}",
            "vision_encoder": rng.choice(_ENCODERS),
            "adapter": rng.choice(_ADAPTERS),
            "llm": rng.choice(_LLMS),
            "training_recipe": rng.choice(_RECIPES),
            "data_recipe": rng.choice(_DATA),
        }
        for index in range(count)
    ]


def _yaml_text(value: str) -> str:
    # Quote everything: '-' and '2023.10' must stay text (the data format shows what is
    # written, but a benchmark should not depend on that subtlety).
    return "'" + value.replace("'", "''") + "'"


def with_markup(models: list[dict[str, str]]) -> list[dict[str, str]]:
    """The same models with reST in ``training_recipe``: bold and a link in every cell."""
    return [
        {
            **model,
            "training_recipe": f"**{model['training_recipe']}** "
            f"`paper <https://example.org/{index}>`_",
        }
        for index, model in enumerate(models)
    ]


def synthetic_yaml(count: int, seed: int = 2025, markup: bool = False) -> str:
    models = synthetic_models(count, seed)
    lines = ["models:"]
    if markup:
        models = with_markup(models)
        lines.insert(0, "column_settings:\n  training_recipe: {markup: rst}")
    for model in models:
        first = True
        for key in COLUMNS:
            lines.append(f"  {'- ' if first else '  '}{key}: {_yaml_text(model[key])}")
            first = False
    return "\n".join(lines) + "\n"


def synthetic_csv(count: int, seed: int = 2025, markup: bool = False) -> str:
    """The same rows as CSV, for ``csv-table``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    models = synthetic_models(count, seed)
    for model in with_markup(models) if markup else models:
        writer.writerow([model[key] for key in COLUMNS])
    return out.getvalue()
