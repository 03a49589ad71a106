def greet(name: str) -> str:
    return f"Hello, {name}! (from the greeting workspace member)"
