/* mdk-columns.c: tables of numbers as base64 columns (mdk-columns.h) */
#define G_LOG_DOMAIN "medaka-core"

#include "config.h"

#include "mdk-columns.h"

#include "mdk-run-state.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static gsize
type_size (MdkColumnType type)
{
  static const gsize sizes[] = { 1, 4, 8, 8 };

  return sizes[type];
}

GByteArray **
mdk_columns_new (const MdkColumnGroup *group,
                 gsize                 n_rows)
{
  GByteArray **columns = g_new0 (GByteArray *, group->n_columns);

  for (guint c = 0; c < group->n_columns; c++)
    columns[c] = g_byte_array_sized_new (n_rows * type_size (group->types[c]));
  return columns;
}

void
mdk_columns_put (GByteArray    *column,
                 MdkColumnType  type,
                 guint64        value)
{
  guint8 bytes[8];

  for (gsize i = 0; i < type_size (type); i++)
    bytes[i] = (guint8) (value >> (8 * i));
  g_byte_array_append (column, bytes, type_size (type));
}

void
mdk_columns_put_double (GByteArray *column,
                        double      value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  mdk_columns_put (column, MDK_COLUMN_F64, bits);
}

void
mdk_columns_add (JsonObject            *obj,
                 const MdkColumnGroup  *group,
                 GByteArray           **columns)
{
  JsonObject *member = json_object_new ();

  for (guint c = 0; c < group->n_columns; c++)
    {
      g_autofree char *text = g_base64_encode (columns[c]->data, columns[c]->len);

      json_object_set_string_member (member, group->columns[c], text);
      g_byte_array_unref (columns[c]);
    }
  g_free (columns);
  json_object_set_object_member (obj, group->name, member);
}

/* g_base64_decode () skips what is not base64; a file must not. */
static gboolean
is_base64 (const char *text)
{
  gsize len = strlen (text), pad = 0;

  if (len % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char ch = text[i];

      if (ch == '=' && i >= len - 2)
        pad++;
      else if (pad > 0 || !(g_ascii_isalnum (ch) || ch == '+' || ch == '/'))
        return FALSE;
    }
  return TRUE;
}

GBytes **
mdk_columns_read (JsonObject            *obj,
                  const MdkColumnGroup  *group,
                  guint64                n_rows,
                  const char            *path,
                  GError               **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, group->name);
  JsonObject *member = mdk_run_state_get_object (obj, group->name, path, error);
  GBytes **columns;

  if (member == NULL)
    return NULL;
  columns = g_new0 (GBytes *, group->n_columns);
  for (guint c = 0; c < group->n_columns; c++)
    {
      const char *text = mdk_run_state_get_string (member, group->columns[c], where, error);
      guchar *data;
      gsize len = 0;

      if (text == NULL)
        goto fail;
      if (!is_base64 (text))
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s: “%s” is not base64 data"), where, group->columns[c]);
          goto fail;
        }
      data = g_base64_decode (text, &len);
      columns[c] = g_bytes_new_take (data, len);
      if (len / type_size (group->types[c]) != n_rows || len % type_size (group->types[c]) != 0)
        {
          g_set_error (error, MDK_RUN_STATE_ERROR, MDK_RUN_STATE_ERROR_INVALID,
                       _("%s: “%s” does not hold %u values"), where, group->columns[c],
                       (guint) MIN (n_rows, G_MAXUINT));
          goto fail;
        }
    }
  return columns;

fail:
  mdk_columns_free (group, columns);
  return NULL;
}

static guint64
le_value (const guint8 *data,
          gsize         size)
{
  guint64 value = 0;

  for (gsize i = 0; i < size; i++)
    value |= (guint64) data[i] << (8 * i);
  return value;
}

static double
bits_to_double (guint64 bits)
{
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

static guint64
read_le (GBytes *column,
         gsize   size,
         gsize   row)
{
  return le_value ((const guint8 *) g_bytes_get_data (column, NULL) + row * size, size);
}

guint64
mdk_columns_get (GBytes               **columns,
                 const MdkColumnGroup  *group,
                 guint                  column,
                 gsize                  row)
{
  return read_le (columns[column], type_size (group->types[column]), row);
}

double
mdk_columns_get_double (GBytes **columns,
                        guint    column,
                        gsize    row)
{
  return bits_to_double (read_le (columns[column], 8, row));
}

void
mdk_columns_free (const MdkColumnGroup  *group,
                  GBytes               **columns)
{
  if (columns == NULL)
    return;
  for (guint c = 0; c < group->n_columns; c++)
    if (columns[c] != NULL)
      g_bytes_unref (columns[c]);
  g_free (columns);
}

guint8 *
mdk_columns_grow (GByteArray *column,
                  gsize       n)
{
  gsize len = column->len;

  g_byte_array_set_size (column, len + n);
  return column->data + len;
}

void
mdk_byte_reader_init (MdkByteReader *reader,
                      gconstpointer  data,
                      gsize          len)
{
  reader->data = data;
  reader->len = len;
  reader->pos = 0;
  reader->failed = FALSE;
}

guint64
mdk_byte_reader_take (MdkByteReader *reader,
                      MdkColumnType  type)
{
  gsize size = type_size (type);
  guint64 value;

  if (reader->failed || reader->len - reader->pos < size)
    {
      reader->failed = TRUE;
      return 0;
    }
  /* Not le_value (): this is the inner loop of unpacking genomes. */
  switch (type)
    {
    case MDK_COLUMN_U8:
      value = reader->data[reader->pos];
      break;
    case MDK_COLUMN_U32:
      {
        guint32 v;
        memcpy (&v, reader->data + reader->pos, sizeof v);
        value = GUINT32_FROM_LE (v);
      }
      break;
    default:
      memcpy (&value, reader->data + reader->pos, sizeof value);
      value = GUINT64_FROM_LE (value);
      break;
    }
  reader->pos += size;
  return value;
}

double
mdk_byte_reader_take_double (MdkByteReader *reader)
{
  return bits_to_double (mdk_byte_reader_take (reader, MDK_COLUMN_F64));
}
