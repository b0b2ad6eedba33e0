"""remitrank_dependencies(): the repositories remitrank needs, offline.

Bazel 4.2.3 declares rules_cc, rules_java and remote_coverage_tools as
downloads in its built-in WORKSPACE suffix, each wrapped in maybe(). This
macro declares them first as local copies of remitrank's stand-ins
(third_party/offline/), so nothing is fetched, whether remitrank is the main
workspace or an external repository of another one. Debian's system
libraries need no repository: //third_party wraps them as cc_library targets
with link options only (their headers are in /usr/include).

remitrank's own WORKSPACE calls it, and so does a workspace that embeds
remitrank:

    local_repository(
        name = "remitrank",
        path = "/path/to/remitrank",
    )

    load("@remitrank//bazel:deps.bzl", "remitrank_dependencies")

    remitrank_dependencies()

A repository the calling workspace already declared is left as it is.
"""

# This file, as a label of the repository it is in: it locates remitrank's
# own tree wherever Bazel placed it (the main workspace or external/).
_THIS_FILE = Label("//bazel:deps.bzl")

def _offline_repository_impl(repository_ctx):
    root = repository_ctx.path(_THIS_FILE).dirname.dirname
    source = root.get_child("third_party").get_child("offline").get_child(repository_ctx.attr.folder)
    if not source.exists:
        fail("remitrank_dependencies: %s is missing" % source)
    for child in source.readdir():
        repository_ctx.symlink(child, child.basename)

_offline_repository = repository_rule(
    implementation = _offline_repository_impl,
    attrs = {
        "folder": attr.string(mandatory = True, doc = "The folder under third_party/offline/."),
    },
    local = True,
    doc = "One of remitrank's offline stand-ins for a repository Bazel would download.",
)

def remitrank_dependencies():
    """Declares rules_cc, rules_java and remote_coverage_tools, offline."""
    existing = native.existing_rules()
    for name in ["rules_cc", "rules_java", "remote_coverage_tools"]:
        if name not in existing:
            _offline_repository(name = name, folder = name)
