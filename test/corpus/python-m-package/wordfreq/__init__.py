from collections import Counter

SAMPLE = """the quick brown fox jumps over the lazy dog
the dog sleeps and the fox runs"""


def top_words(text: str, n: int = 3) -> list[tuple[str, int]]:
    return Counter(text.split()).most_common(n)
