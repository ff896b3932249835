//! Per-contact facts kept between visits (page-reader work fills this in).
