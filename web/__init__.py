"""The website: serves web/ (the chat page and the staff view) and the staff API.

`python -m web.server --port 8080 --rasa-url http://localhost:5005`
"""
