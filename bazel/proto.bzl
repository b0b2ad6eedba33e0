"""remit_cc_proto_library: C++ (and gRPC) code from .proto files, offline.

Bazel 4.2.3's native proto_library needs @com_google_protobuf, which would be
downloaded. This macro runs Debian's /usr/bin/protoc (and grpc_cpp_plugin) in
a genrule instead and wraps the outputs in a cc_library.

Sources may be generated (a genrule's output in the same package).
Generated headers are included by their path from the repository root:
    #include "proto/remit/v1/money.pb.h"
That holds when remitrank is an external repository of another workspace
too: protoc reads and writes relative to the repository's root
(external/remitrank/ then), and Bazel puts that root, and its generated
twin, on the include path.

Example:
    remit_cc_proto_library(
        name = "money_cc_proto",
        srcs = ["money.proto"],
    )
    remit_cc_proto_library(
        name = "service_cc_proto",
        srcs = ["service.proto"],
        deps = [":money_cc_proto"],
        grpc = True,
    )

Creates:
    <name>: cc_library with the generated code (and its deps); with
        grpc = True it holds the service stubs (*.grpc.pb.h) too and
        depends on gRPC.
    <name>_messages: only with grpc = True: the messages alone (*.pb.h),
        for code that must not depend on gRPC; <name> builds on it.
    <name>_srcs: filegroup of the .proto files it and its deps need, so that
        protoc can see imported files inside the sandbox.
"""

load("//bazel:cc.bzl", "REMIT_COPTS")

_PROTOC = "/usr/bin/protoc"
_GRPC_PLUGIN = "/usr/bin/grpc_cpp_plugin"

# Debian's own .proto files, importable by every remit proto: protobuf's
# well-known types (libprotobuf-dev) and Google's API annotations and
# google.rpc.Status (golang-github-gogo-googleapis-dev ships them as plain
# .proto sources; see remit_system_cc_proto_library).
_SYSTEM_PROTO_PATHS = [
    "/usr/include",
    "/usr/share/gocode/src/github.com/gogo/googleapis",
]

def _stem(src):
    if not src.endswith(".proto"):
        fail("remit_cc_proto_library: %s is not a .proto file" % src)
    return src[:-len(".proto")]

def remit_cc_proto_library(name, srcs, deps = [], grpc = False, visibility = None, testonly = False):
    """Generates C++ code for srcs; deps are other remit_cc_proto_library names."""
    native.filegroup(
        name = name + "_srcs",
        srcs = srcs + [d + "_srcs" for d in deps],
        visibility = visibility,
        testonly = testonly,
    )

    hdrs = []
    cc_srcs = []
    grpc_hdrs = []
    grpc_srcs = []
    for src in srcs:
        stem = _stem(src)
        hdrs.append(stem + ".pb.h")
        cc_srcs.append(stem + ".pb.cc")
        if grpc:
            grpc_hdrs.append(stem + ".grpc.pb.h")
            grpc_srcs.append(stem + ".grpc.pb.cc")

    # The repository root, as the genrule sees it: "" in the main
    # workspace, "external/<name>" when the package is in another one.
    repository = native.repository_name().lstrip("@")
    root = "external/" + repository if repository else "."
    gen_root = "$(GENDIR)/external/" + repository if repository else "$(GENDIR)"
    protoc = (
        # The generated root first: a generated .proto is then named by its
        # package path, not by its bazel-out path.
        "%s --proto_path=%s --proto_path=%s " % (_PROTOC, gen_root, root) +
        " ".join(["--proto_path=" + p for p in _SYSTEM_PROTO_PATHS])
    )
    files = " " + " ".join(["$(location %s)" % s for s in srcs])
    native.genrule(
        name = name + "_gen",
        srcs = srcs + [name + "_srcs"],
        outs = hdrs + cc_srcs,
        cmd = protoc + " --cpp_out=" + gen_root + files,
        testonly = testonly,
    )
    if grpc:
        # A rule of its own, so that the messages need nothing of gRPC.
        native.genrule(
            name = name + "_grpc_gen",
            srcs = srcs + [name + "_srcs"],
            outs = grpc_hdrs + grpc_srcs,
            cmd = (protoc + " --plugin=protoc-gen-grpc=%s" % _GRPC_PLUGIN +
                   " --grpc_out=" + gen_root + files),
            testonly = testonly,
        )

    native.cc_library(
        name = name + "_messages" if grpc else name,
        srcs = cc_srcs,
        hdrs = hdrs,
        # Generated code is not ours to keep warning-free.
        copts = REMIT_COPTS + ["-w"],
        deps = deps + ["//third_party:protobuf"],
        visibility = visibility,
        testonly = testonly,
    )
    if grpc:
        native.cc_library(
            name = name,
            srcs = grpc_srcs,
            hdrs = grpc_hdrs,
            copts = REMIT_COPTS + ["-w"],
            deps = [name + "_messages", "//third_party:grpc"],
            visibility = visibility,
            testonly = testonly,
        )

def remit_system_cc_proto_library(name, root, srcs, deps = [], visibility = None):
    """C++ code for .proto files a Debian package installs under `root`.

    srcs are paths below root ("google/api/http.proto"); the generated
    headers are included by the same path ("google/api/http.pb.h"). deps
    are other remit_system_cc_proto_library names. Creates <name> (the
    cc_library) and an empty <name>_srcs, so that remit_cc_proto_library
    can list it in its deps (protoc finds the files under root itself).

    Example:
        remit_system_cc_proto_library(
            name = "http_cc_proto",
            root = "/usr/share/gocode/src/github.com/gogo/googleapis",
            srcs = ["google/api/http.proto"],
        )
    """
    native.filegroup(name = name + "_srcs", srcs = [], visibility = visibility)
    hdrs = [_stem(s) + ".pb.h" for s in srcs]
    cc_srcs = [_stem(s) + ".pb.cc" for s in srcs]
    # The package's generated folder, in this workspace or another one.
    repository = native.repository_name().lstrip("@")
    out = "$(GENDIR)/" + ("external/" + repository + "/" if repository else "")
    native.genrule(
        name = name + "_gen",
        outs = hdrs + cc_srcs,
        cmd = ("%s --proto_path=%s --proto_path=/usr/include " % (_PROTOC, root) +
               "--cpp_out=%s%s " % (out, native.package_name()) +
               " ".join(srcs)),
    )
    native.cc_library(
        name = name,
        srcs = cc_srcs,
        hdrs = hdrs,
        includes = ["."],
        copts = REMIT_COPTS + ["-w"],
        deps = deps + ["//third_party:protobuf"],
        visibility = visibility,
    )
