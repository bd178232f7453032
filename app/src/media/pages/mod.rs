//! The media register and mention pages, the import progress page, the
//! digest, the press sources page and one story's page.

pub mod digest;
pub mod register;
pub mod sources;
pub mod story;
