"""mlp_lib: the numpy library behind the course book on multilayer perceptrons."""
