//! Parts of the media pages that are not pages themselves: what the press
//! monitor knows of a mention with its tone form, and the saved queries and
//! CSV problems of the sources page.

pub mod mention_found;
pub mod pickup;
pub mod source_parts;
pub mod story_table;
