"""Local leaderboard: see issue #7."""
