"""The HTTP service: `/` a demo page, `/health` for the orchestrator, `/predict` to answer.

The index is loaded once, when the app is built (uvicorn builds it before it accepts requests);
the API never builds one. Without a loadable index the service stays up and says why: /health and
/predict answer 503.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, constr

from . import __version__
from .demo import demo_html
from .model import MODEL_PATH, Chatbot, load

# Stripped before the length checks, so a whitespace-only question is rejected (422).
Question = constr(strip_whitespace=True, min_length=3, max_length=500)


class PredictRequest(BaseModel):
    question: Question = Field(..., description="A question about the product")


class PredictResponse(BaseModel):
    answer: str
    sources: list[str] = Field(..., description="The document the answer sentence came from")
    refused: bool
    model_version: str


def _load(path: Path) -> tuple[Chatbot | None, str]:
    """The index, or None and the reason it is not available."""
    try:
        return load(path), ""
    except FileNotFoundError as error:
        return None, str(error)
    except Exception as error:  # any unpickling failure: report it instead of crashing the server
        reason = f"{type(error).__name__}: {error}"
        return None, f"could not load the index at {path} ({reason}); run make train"


def create_app(model: Chatbot | None = None, model_path: Path = MODEL_PATH) -> FastAPI:
    """The app; tests pass an index, the server loads the one `make train` saved."""
    app = FastAPI(title="{{projectName}}", version=__version__)
    reason = ""
    if model is None:
        model, reason = _load(model_path)

    def not_ready() -> JSONResponse:
        return JSONResponse(status_code=503, content={"status": "not ready", "reason": reason})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def demo() -> str:
        return demo_html("{{projectName}}")

    @app.get("/health")
    def health():
        if model is None:
            return not_ready()
        return {
            "status": "ok",
            "model_version": __version__,
            "min_score": model.params["min_score"],
        }

    @app.post("/predict", response_model=PredictResponse)
    def predict(request: PredictRequest):
        if model is None:
            return not_ready()
        result = model.answer(request.question)
        return PredictResponse(
            answer=result.text,
            sources=result.sources,
            refused=result.refused,
            model_version=__version__,
        )

    return app


app = create_app()
