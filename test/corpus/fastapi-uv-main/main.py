from typing import Dict, List

from fastapi import FastAPI

app = FastAPI(title="notes")

NOTES: List[Dict[str, str]] = [
    {"id": "1", "text": "buy oat milk"},
    {"id": "2", "text": "water the ferns"},
]


@app.get("/")
def root() -> Dict[str, str]:
    return {"service": "notes api on uv", "count": str(len(NOTES))}


@app.get("/notes")
def list_notes() -> List[Dict[str, str]]:
    return NOTES
