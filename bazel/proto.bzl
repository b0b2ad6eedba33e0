"""remit_cc_proto_library: C++ (and gRPC) code from .proto files, offline.

Bazel 4.2.3's native proto_library needs @com_google_protobuf, which would be
downloaded. This macro runs Debian's /usr/bin/protoc (and grpc_cpp_plugin) in
a genrule instead and wraps the outputs in a cc_library.

Sources may be generated (a genrule's output in the same package).
Generated headers are included by workspace path:
    #include "proto/remit/v1/money.pb.h"

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
    <name>: cc_library with the generated code (and its deps).
    <name>_srcs: filegroup of the .proto files it and its deps need, so that
        protoc can see imported files inside the sandbox.
"""

_PROTOC = "/usr/bin/protoc"
_GRPC_PLUGIN = "/usr/bin/grpc_cpp_plugin"

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
    for src in srcs:
        stem = _stem(src)
        hdrs.append(stem + ".pb.h")
        cc_srcs.append(stem + ".pb.cc")
        if grpc:
            hdrs.append(stem + ".grpc.pb.h")
            cc_srcs.append(stem + ".grpc.pb.cc")

    plugin = ""
    if grpc:
        plugin = (" --plugin=protoc-gen-grpc=%s --grpc_out=$(GENDIR)" % _GRPC_PLUGIN)

    native.genrule(
        name = name + "_gen",
        srcs = srcs + [name + "_srcs"],
        outs = hdrs + cc_srcs,
        cmd = (
            # $(GENDIR) first: a generated .proto is then named by its
            # package path, not by its bazel-out path.
            "%s --proto_path=$(GENDIR) --proto_path=. --proto_path=/usr/include" % _PROTOC +
            " --cpp_out=$(GENDIR)" + plugin +
            " " + " ".join(["$(location %s)" % s for s in srcs])
        ),
        testonly = testonly,
    )

    native.cc_library(
        name = name,
        srcs = cc_srcs,
        hdrs = hdrs,
        # Generated code is not ours to keep warning-free.
        copts = ["-w"],
        deps = deps + (["//third_party:grpc"] if grpc else ["//third_party:protobuf"]),
        visibility = visibility,
        testonly = testonly,
    )
