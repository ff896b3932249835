//! en / hi / mr message catalogues (warning-experience work fills this in).
