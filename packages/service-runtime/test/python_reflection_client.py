"""An integrator's reflection client, with Debian's python3-grpcio and python3-protobuf.

Lists the services of a gRPC server through server reflection (v1alpha, as grpcurl and
grpcio-reflection use it), fetches the file of each with the files it imports, and builds them
into a protobuf DescriptorPool, which refuses any name it cannot resolve. Prints one line per
method, "Service.Method Input -> Output", and exits 1 on any failure.

Usage: python3 python_reflection_client.py HOST:PORT
"""
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

F = descriptor_pb2.FieldDescriptorProto


def reflection_messages():
    """The reflection request and response messages, declared here (grpcio-reflection is not
    packaged for Debian); field numbers as in grpc/reflection/v1alpha/reflection.proto."""
    file = descriptor_pb2.FileDescriptorProto(
        name="reflection_client.proto", package="grpc.reflection.v1alpha", syntax="proto3"
    )

    def message(name, *fields, oneof=None):
        m = file.message_type.add(name=name)
        if oneof:
            m.oneof_decl.add(name=oneof)
        for field_name, number, kind, type_name, repeated in fields:
            f = m.field.add(name=field_name, number=number, type=kind)
            f.label = F.LABEL_REPEATED if repeated else F.LABEL_OPTIONAL
            if type_name:
                f.type_name = ".grpc.reflection.v1alpha." + type_name
            if oneof and number != 1:
                # The request is a oneof: an empty list_services still says what is asked.
                f.oneof_index = 0

    message(
        "ServerReflectionRequest",
        ("host", 1, F.TYPE_STRING, None, False),
        ("file_by_filename", 3, F.TYPE_STRING, None, False),
        ("file_containing_symbol", 4, F.TYPE_STRING, None, False),
        ("list_services", 7, F.TYPE_STRING, None, False),
        oneof="message_request",
    )
    message("FileDescriptorResponse", ("file_descriptor_proto", 1, F.TYPE_BYTES, None, True))
    message("ServiceResponse", ("name", 1, F.TYPE_STRING, None, False))
    message("ListServiceResponse", ("service", 1, F.TYPE_MESSAGE, "ServiceResponse", True))
    message(
        "ErrorResponse",
        ("error_code", 1, F.TYPE_INT32, None, False),
        ("error_message", 2, F.TYPE_STRING, None, False),
    )
    message(
        "ServerReflectionResponse",
        ("file_descriptor_response", 4, F.TYPE_MESSAGE, "FileDescriptorResponse", False),
        ("list_services_response", 6, F.TYPE_MESSAGE, "ListServiceResponse", False),
        ("error_response", 7, F.TYPE_MESSAGE, "ErrorResponse", False),
    )
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)

    def message_class(name):
        descriptor = pool.FindMessageTypeByName("grpc.reflection.v1alpha." + name)
        # GetMessageClass is protobuf 4.24+; Debian 12 ships 4.21, which has GetPrototype.
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return message_class("ServerReflectionRequest"), message_class("ServerReflectionResponse")


def main(address):
    request_class, response_class = reflection_messages()
    channel = grpc.insecure_channel(address)
    call = channel.stream_stream(
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        request_serializer=request_class.SerializeToString,
        response_deserializer=response_class.FromString,
    )

    def ask(**request):
        (response,) = list(call(iter([request_class(**request)]), timeout=10))
        if response.HasField("error_response"):
            raise SystemExit("reflection error: " + response.error_response.error_message)
        return response

    services = [s.name for s in ask(list_services="").list_services_response.service]
    files = {}
    for service in services:
        response = ask(file_containing_symbol=service)
        for raw in response.file_descriptor_response.file_descriptor_proto:
            proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
            files[proto.name] = proto

    pool = descriptor_pool.DescriptorPool()
    added = set()

    def add(name):
        # Imports first: the pool resolves every name when a file is added.
        if name in added:
            return
        if name not in files:
            raise SystemExit("reflection did not send " + name)
        for dependency in files[name].dependency:
            add(dependency)
        pool.Add(files[name])
        added.add(name)

    for name in sorted(files):
        add(name)
    for service in services:
        described = pool.FindServiceByName(service)
        for method in described.methods:
            print(f"{service}.{method.name} {method.input_type.full_name} -> "
                  f"{method.output_type.full_name}")
    channel.close()


if __name__ == "__main__":
    main(sys.argv[1])
