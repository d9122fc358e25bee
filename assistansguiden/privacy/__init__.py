"""Privacy: personal numbers, phone numbers and e-mail addresses never stored in clear."""
