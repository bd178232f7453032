//! The Ashyq server: configuration loading, start-up and background workers.
//! Pages, server functions and domain logic live in the `app` crate.

pub mod settings;
pub mod startup;
pub mod workers;

/// mimalloc instead of the system allocator: a page render makes thousands
/// of small allocations, and glibc's malloc took a quarter of the CPU time
/// of a loaded catalogue page (README, "Pages beside bare axum").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
