//! Empty library target shared by the package crates; the build script does the work.
