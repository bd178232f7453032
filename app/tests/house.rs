//! The layout rules of the crate, checked over its source: the README's
//! architecture tree lists every module; only the router imports pages;
//! server-side domain code imports no UI; and no two top-level folders import
//! each other, directly or round a longer circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Paths relative to the workspace root, `/`-separated.
fn sources(under: &str) -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&root().join(under), &mut files);
    files
        .iter()
        .map(|p| {
            p.strip_prefix(root())
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

/// The files named in the README's architecture tree: indentation gives the
/// folder, a name ending in `/` opens one.
fn readme_tree() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let section = readme.split("## Architecture").nth(1).expect("an Architecture section");
    let block = section.split("```").nth(1).expect("a tree in a code block");
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut files = BTreeSet::new();
    for line in block.lines() {
        let indent = line.len() - line.trim_start().len();
        let Some(name) = line.split_whitespace().next() else {
            continue;
        };
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let prefix: String = stack.iter().map(|(_, d)| d.as_str()).collect();
        if name.ends_with('/') {
            stack.push((indent, name.to_string()));
        } else if name.ends_with(".rs") {
            files.insert(format!("{prefix}{name}"));
        }
    }
    files
}

#[test]
fn readme_lists_every_module() {
    let listed = readme_tree();
    let mut actual = sources("app/src");
    actual.extend(sources("server/src"));
    let missing: Vec<_> = actual.difference(&listed).collect();
    let stale: Vec<_> = listed
        .iter()
        .filter(|f| f.starts_with("app/src/") || f.starts_with("server/src/"))
        .filter(|f| !actual.contains(*f))
        .collect();
    assert!(
        missing.is_empty(),
        "modules missing from the README's architecture tree: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "the README's tree names modules that do not exist: {stale:?}"
    );
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("source file")
}

/// The code of a file without its comments (doc comments mention paths).
fn code(path: &str) -> String {
    read(path)
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn only_the_router_imports_pages() {
    for file in sources("app/src") {
        if file == "app/src/shell/mod.rs" {
            continue;
        }
        let text = code(&file);
        assert!(
            !text.contains("pages::"),
            "{file} imports a page; only the router (shell/mod.rs) may"
        );
    }
}

/// The modules a folder's `mod.rs` declares behind the `ssr` feature.
fn server_only_files() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in sources("app/src").into_iter().filter(|f| f.ends_with("/mod.rs")) {
        let dir = file.trim_end_matches("mod.rs").to_string();
        let text = read(&file);
        let mut gated = false;
        for line in text.lines().map(str::trim) {
            if line == "#[cfg(feature = \"ssr\")]" {
                gated = true;
                continue;
            }
            if gated {
                let declared = line
                    .trim_start_matches("pub ")
                    .strip_prefix("mod ")
                    .and_then(|n| n.strip_suffix(';'));
                if let Some(name) = declared {
                    let single = format!("{dir}{name}.rs");
                    if root().join(&single).exists() {
                        out.insert(single);
                    } else {
                        out.extend(sources(&format!("{dir}{name}")));
                    }
                }
            }
            gated = false;
        }
    }
    out
}

#[test]
fn server_side_domain_code_imports_no_ui() {
    let files = server_only_files();
    assert!(files.len() > 40, "the ssr modules were found ({})", files.len());
    for file in files {
        let text = code(&file);
        for ui in [
            "crate::components",
            "crate::shell",
            "views::",
            "leptos::view",
            "view! {",
        ] {
            assert!(!text.contains(ui), "{file} is server-side domain code but uses `{ui}`");
        }
    }
}

/// The top-level folders (or files) that `text` names after `crate::`,
/// including the members of `use crate::{a::…, b::…}`.
fn crate_roots(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<String>()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        out.insert(ident(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out
}

#[test]
fn no_two_folders_import_each_other() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let folders: BTreeSet<String> = std::fs::read_dir(root().join("app/src"))
        .expect("app/src")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    for file in sources("app/src") {
        let Some(folder) = file
            .strip_prefix("app/src/")
            .and_then(|f| f.split_once('/'))
            .map(|(d, _)| d.to_string())
        else {
            continue;
        };
        for target in crate_roots(&code(&file)) {
            if target != folder && folders.contains(&target) {
                edges.entry(folder.clone()).or_default().insert(target);
            }
        }
    }
    // Depth-first search for a circle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == node) {
            let mut circle = path[i..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for folder in edges.keys() {
        if let Some(circle) = visit(folder, &edges, &mut Vec::new(), &mut done) {
            panic!("folders import each other: {}", circle.join(" -> "));
        }
    }
    assert!(
        edges.get("platform").is_none_or(|t| t.iter().all(|f| f == "error")),
        "platform imports a domain: {:?}",
        edges.get("platform")
    );
}
