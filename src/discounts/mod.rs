//! Discount options from the rating and order APIs, and the rules that select one.
