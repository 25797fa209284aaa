"""Classroom storage: the class wall and the students' drawings, in one database (SQLite or PostgreSQL)."""
