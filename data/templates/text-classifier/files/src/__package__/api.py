"""The HTTP service: `/` a demo page, `/health` for the orchestrator, `/predict` for clients.

The model is loaded once, when the app is built (uvicorn builds it before it accepts requests);
the API never trains. Without a loadable model the service stays up and says why: /health and
/predict answer 503.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field, constr

from . import __version__
from .demo import demo_html
from .model import MODEL_PATH, TicketClassifier, load

# Stripped before the length checks, so whitespace-only text is rejected (422) like empty text.
TicketText = constr(strip_whitespace=True, min_length=1, max_length=5000)


class PredictRequest(BaseModel):
    text: TicketText = Field(..., description="The ticket text")


class PredictResponse(BaseModel):
    label: str
    confidence: float
    needs_review: bool = Field(..., description="True when a person should route this ticket")
    model_version: str


def _load(path: Path) -> tuple[TicketClassifier | None, str]:
    """The model, or None and the reason it is not available."""
    try:
        return load(path), ""
    except FileNotFoundError as error:
        return None, str(error)
    except Exception as error:  # any unpickling failure: report it instead of crashing the server
        return (
            None,
            f"could not load the model at {path} ({type(error).__name__}: {error}); run make train",
        )


def create_app(model: TicketClassifier | None = None, model_path: Path = MODEL_PATH) -> FastAPI:
    """The app; tests pass a model, the server loads the one `make train` saved."""
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
            "review_threshold": model.params["review_threshold"],
        }

    @app.post("/predict", response_model=PredictResponse)
    def predict(request: PredictRequest):
        if model is None:
            return not_ready()
        prediction = model.predict([request.text])[0]
        return PredictResponse(
            label=prediction.label,
            confidence=prediction.confidence,
            needs_review=prediction.needs_review,
            model_version=__version__,
        )

    return app


app = create_app()
