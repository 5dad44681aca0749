"""Vocabulary that several components share, compiled from the conflict profile.

    gazetteer.py  place names -> geocoded places (the places component; actors read it for sides)
"""
