//! The Python package (python/): its pytest suite, run with the interpreter
//! it is installed in (`pip install ./python`; `.ci/run` installs it into
//! its virtual environment before `cargo test`). Without the package the
//! test fails in CI and says SKIPPED elsewhere. The package is compiled
//! from this checkout when installed: after changing the library, install
//! it again before trusting this test.

mod common;

use std::process::Command;

#[test]
fn the_python_package_passes_its_tests() {
    let Some(python) = common::python_with("yujuesuan, pytest, pyarrow, msgpack") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(common::root().join("python/tests"))
        // Run outside the checkout so that `import yujuesuan` is the
        // installed package, not the source folder python/yujuesuan.
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "pytest python/tests:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(" passed"), "{stdout}");
    assert!(!stdout.contains("skipped"), "{stdout}");
}
