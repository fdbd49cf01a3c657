/* mdk-param.h: parameter description tables
 *
 * Every parameter struct (NEAT, tasks, …) comes with a table of MdkParamSpec
 * rows: id, label, group, help, type, range, default and the field's offset.
 * The CLI, the project file and the GUI's forms are all built from the table,
 * so adding a parameter is adding one row.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MDK_PARAM_ERROR (mdk_param_error_quark ())

typedef enum
{
  MDK_PARAM_ERROR_UNKNOWN,
  MDK_PARAM_ERROR_INVALID,
  MDK_PARAM_ERROR_RANGE,
} MdkParamError;

typedef enum
{
  MDK_PARAM_INT,      /* field: int */
  MDK_PARAM_DOUBLE,   /* field: double */
  MDK_PARAM_BOOL,     /* field: gboolean */
  MDK_PARAM_CHOICE,   /* field: int, index into choices */
  MDK_PARAM_STRING,   /* field: char *, owned */
} MdkParamType;

typedef enum
{
  MDK_PARAM_FLAG_NONE = 0,
  MDK_PARAM_FLAG_LIVE = 1 << 0,   /* may change between generations of a run */
  MDK_PARAM_FLAG_FILE = 1 << 1,   /* a string naming a file the task reads (sent to MPI workers) */
} MdkParamFlags;

typedef struct
{
  const char *id;      /* stable, used in files and on the command line */
  const char *label;   /* N_() */
} MdkParamChoice;

/* A string parameter that names a file: what the studio's file chooser
 * for it says and shows. */
typedef struct
{
  const char *title;         /* N_(): the chooser's title, e.g. "Open CSV File" */
  const char *filter_name;   /* N_(): e.g. "CSV files" */
  const char *suffix;        /* e.g. "csv" */
  const char *mime_type;     /* or NULL */
} MdkParamFileType;

typedef struct
{
  const char           *id;
  const char           *label;     /* N_() */
  const char           *group;     /* N_() */
  const char           *help;      /* N_() */
  MdkParamType          type;
  double                min;
  double                max;
  double                def;       /* numbers, booleans and choice indices */
  const char           *def_str;   /* strings */
  const MdkParamChoice *choices;   /* NULL-terminated, for MDK_PARAM_CHOICE */
  gsize                 offset;
  MdkParamFlags         flags;
  const MdkParamFileType *file_type; /* MDK_PARAM_STRING that may name a file, or NULL */
} MdkParamSpec;

GQuark               mdk_param_error_quark     (void);

const MdkParamSpec  *mdk_param_table_lookup    (const MdkParamSpec *table,
                                                guint               n,
                                                const char         *id);
void                 mdk_param_table_init      (const MdkParamSpec *table,
                                                guint               n,
                                                gpointer            params);
void                 mdk_param_table_clear     (const MdkParamSpec *table,
                                                guint               n,
                                                gpointer            params);
void                 mdk_param_table_copy      (const MdkParamSpec *table,
                                                guint               n,
                                                gpointer            dest,
                                                gconstpointer       src,
                                                gsize               size);
gboolean             mdk_param_table_validate  (const MdkParamSpec *table,
                                                guint               n,
                                                gconstpointer       params,
                                                GError            **error);

gboolean             mdk_param_set_from_string (const MdkParamSpec *spec,
                                                gpointer            params,
                                                const char         *value,
                                                GError            **error);
char                *mdk_param_to_string       (const MdkParamSpec *spec,
                                                gconstpointer       params);
double               mdk_param_get_number      (const MdkParamSpec *spec,
                                                gconstpointer       params);
void                 mdk_param_set_number      (const MdkParamSpec *spec,
                                                gpointer            params,
                                                double              value);
const char          *mdk_param_get_string      (const MdkParamSpec *spec,
                                                gconstpointer       params);
void                 mdk_param_set_string      (const MdkParamSpec *spec,
                                                gpointer            params,
                                                const char         *value);
gboolean             mdk_param_check           (const MdkParamSpec *spec,
                                                gconstpointer       params,
                                                GError            **error);
char                *mdk_param_describe_range  (const MdkParamSpec *spec);
guint                mdk_param_choice_count    (const MdkParamSpec *spec);
const char          *mdk_format_double         (char               *buf,
                                                gsize               len,
                                                double              value);

G_END_DECLS
