//! Line pricing, the stacking order, allocation to lines and the best-combination search.
