/* mdk-columns.h: tables of numbers as base64 columns in a JSON document
 *
 * Large tables in the run state (a NEAT population, the lineage records)
 * would take seconds as one JSON object per row.  Stored as columns, each
 * a base64 string (RFC 4648) of a little-endian array of one type, they
 * save and load in milliseconds and doubles round-trip exactly
 * (docs/formats.md, "Packed columns").
 */
#pragma once

#include <json-glib/json-glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef enum
{
  MDK_COLUMN_U8,
  MDK_COLUMN_U32,
  MDK_COLUMN_U64,
  MDK_COLUMN_F64,
} MdkColumnType;

#define MDK_COLUMNS_MAX 12

/* A group of columns of the same length, stored as one JSON object. */
typedef struct
{
  const char   *name;
  guint         n_columns;
  const char   *columns[MDK_COLUMNS_MAX];
  MdkColumnType types[MDK_COLUMNS_MAX];
} MdkColumnGroup;

/* Writing: one GByteArray per column, filled with the put functions, then
 * encoded (and freed) into @obj's member group->name. */
GByteArray **mdk_columns_new        (const MdkColumnGroup  *group,
                                     gsize                  n_rows);
void         mdk_columns_put        (GByteArray            *column,
                                     MdkColumnType          type,
                                     guint64                value);
void         mdk_columns_put_double (GByteArray            *column,
                                     double                 value);
void         mdk_columns_add        (JsonObject            *obj,
                                     const MdkColumnGroup  *group,
                                     GByteArray           **columns);

/* Reading: the decoded columns of @obj's member group->name, each checked
 * to hold @n_rows values; errors (MDK_RUN_STATE_ERROR) start with @path. */
GBytes     **mdk_columns_read       (JsonObject            *obj,
                                     const MdkColumnGroup  *group,
                                     guint64                n_rows,
                                     const char            *path,
                                     GError               **error);
guint64      mdk_columns_get        (GBytes               **columns,
                                     const MdkColumnGroup  *group,
                                     guint                  column,
                                     gsize                  row);
double       mdk_columns_get_double (GBytes               **columns,
                                     guint                  column,
                                     gsize                  row);
void         mdk_columns_free       (const MdkColumnGroup  *group,
                                     GBytes               **columns);

/* Writing many values fast (genomes sent to MPI workers, where the put
 * functions cost more than the network): grow @column by @n bytes, then
 * write them in order through the returned pointer. */
guint8      *mdk_columns_grow       (GByteArray            *column,
                                     gsize                  n);

static inline void
mdk_bytes_put_u8 (guint8 **p,
                  guint8   value)
{
  *(*p)++ = value;
}

static inline void
mdk_bytes_put_u32 (guint8 **p,
                   guint32  value)
{
  value = GUINT32_TO_LE (value);
  memcpy (*p, &value, sizeof value);
  *p += sizeof value;
}

static inline void
mdk_bytes_put_double (guint8 **p,
                      double   value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  memcpy (*p, &bits, sizeof bits);
  *p += sizeof bits;
}

/* A stream of values written with the put functions, read in order (genomes
 * and results sent between MPI processes).  Reading past the end fails the
 * reader for good and gives 0, so a caller checks `failed` once at the end. */
typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gboolean      failed;
} MdkByteReader;

void         mdk_byte_reader_init   (MdkByteReader         *reader,
                                     gconstpointer          data,
                                     gsize                  len);
guint64      mdk_byte_reader_take   (MdkByteReader         *reader,
                                     MdkColumnType          type);
double       mdk_byte_reader_take_double (MdkByteReader    *reader);

G_END_DECLS
