def metres_to_feet(m: float) -> float:
    return m * 3.28084
