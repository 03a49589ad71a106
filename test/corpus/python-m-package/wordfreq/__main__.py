import sys

from wordfreq import SAMPLE, top_words


def main() -> int:
    text = sys.stdin.read() if "--stdin" in sys.argv else SAMPLE
    pairs = ", ".join(f"{word}={count}" for word, count in top_words(text))
    print(f"wordfreq top words: {pairs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
