"""Local leaderboard: validate submissions, score them against stored gold, rank, render, serve."""

from codemix.leaderboard.board import DuplicateSubmission, Leaderboard, SubmissionError

__all__ = ["Leaderboard", "SubmissionError", "DuplicateSubmission"]
