// The SQL of each schema version, embedded in the binary (one file each:
// catalog_schema_v<N>.cc). Only catalog_migrations.cc reads these.
#pragma once

namespace media::catalog {

extern const char* const kSchemaV1;
extern const char* const kSchemaV2;
extern const char* const kSchemaV3;
extern const char* const kSchemaV4;
extern const char* const kSchemaV5;
extern const char* const kSchemaV6;
extern const char* const kSchemaV7;

}  // namespace media::catalog
