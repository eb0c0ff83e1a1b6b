"""``python main.py`` opens the Interview Kit app."""

from interview_kit.app import main

if __name__ == "__main__":
    raise SystemExit(main())
