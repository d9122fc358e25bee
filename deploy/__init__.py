"""Running the production configuration: Docker files and the same stack without Docker."""
