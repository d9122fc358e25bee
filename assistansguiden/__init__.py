"""Assistansguiden's domain: the law, the provider registry, privacy and Swedish text.

Imported by every process (action server, Rasa server, website, command line), importing
none of them: no rasa, no rasa_sdk. Importing any module here has no side effect.
"""
