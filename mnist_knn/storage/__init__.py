"""What is kept on disk: the MNIST files, saved models with their signed cards, and the committed JSON records."""
