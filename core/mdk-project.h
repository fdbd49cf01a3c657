/* mdk-project.h: the .medaka project file
 *
 * One JSON document, gzip-compressed on disk:
 *
 *   {
 *     "format": "medaka-project",
 *     "version": 1,                       MDK_PROJECT_FORMAT_VERSION
 *     "medaka_version": "0.1.0",          the Medaka that wrote the file
 *     "saved": "2024-05-01T12:00:00Z",    ISO 8601, UTC
 *     "notes": "free text",
 *     "bookmarks": [ { "label": "…", "genome": { … } }, … ],
 *     "state": { … } or null              opaque here (see mdk-run-state.h)
 *   }
 *
 * Saving is atomic: the document is written to "<name>.tmp-XXXXXX" beside
 * the target and synced; the existing file is linked (or copied) to
 * "<name>~"; the temporary file is renamed over the target, the directory is
 * synced and only then the backup is removed.  So at every instant a complete
 * file exists under the target name or the backup name, even on filesystems
 * whose rename is not atomic; a "<name>~" left behind means a save was
 * interrupted, and it holds the previous complete project.  Any failure
 * leaves the old file untouched and removes the temporary file.
 *
 * Loading only reads.  It accepts gzip (detected by the magic bytes 1f 8b)
 * or plain JSON for hand editing, and validates everything: errors name the
 * byte offset (compressed stream), the line and column (JSON syntax) or the
 * member path ("bookmarks[2].label: must be a string").  Unknown members are
 * errors too, so a typo in a hand-edited file is not silently dropped.
 * I/O errors (missing file…) are G_IO_ERROR, everything else
 * MDK_PROJECT_ERROR.  Messages do not repeat the file name: callers show it.
 *
 * Format versions and their migration (applied in order on load; the file is
 * saved in the current version next time):
 *   0 → 1  The pre-release format.  "comment" became "notes", and a
 *          bookmark's "name" became "label".
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MDK_PROJECT_FORMAT_VERSION 1
#define MDK_PROJECT_FORMAT_ID      "medaka-project"
/* Deeper JSON is refused before parsing (the parser recurses). */
#define MDK_PROJECT_MAX_DEPTH      256
/* Decompressed documents larger than this are refused (gzip bombs). */
#define MDK_PROJECT_MAX_SIZE       ((gsize) 1 << 30)

#define MDK_PROJECT_ERROR (mdk_project_error_quark ())

typedef enum
{
  MDK_PROJECT_ERROR_NOT_PROJECT,    /* not a Medaka project at all */
  MDK_PROJECT_ERROR_NEWER_VERSION,  /* written by a newer Medaka */
  MDK_PROJECT_ERROR_CORRUPT,        /* truncated or damaged: gzip, UTF-8, JSON syntax */
  MDK_PROJECT_ERROR_INVALID,        /* well-formed JSON, wrong contents */
} MdkProjectError;

typedef struct _MdkProject MdkProject;

GQuark       mdk_project_error_quark            (void);

MdkProject  *mdk_project_new                    (void);
MdkProject  *mdk_project_ref                    (MdkProject  *project);
void         mdk_project_unref                  (MdkProject  *project);
/* A deep copy sharing nothing with @project: one thread may save it while
 * another goes on with the original. */
MdkProject  *mdk_project_dup                    (MdkProject  *project);

/* The run state: a JSON object (or NULL for none), copied deeply. */
void         mdk_project_set_state              (MdkProject  *project,
                                                 JsonNode    *state);
JsonNode    *mdk_project_get_state              (MdkProject  *project);
/* The same, taking @state over without a copy: the caller gives it up. */
void         mdk_project_take_state             (MdkProject  *project,
                                                 JsonNode    *state);

const char  *mdk_project_get_notes              (MdkProject  *project);
void         mdk_project_set_notes              (MdkProject  *project,
                                                 const char  *notes);

/* Bookmarked genomes (JSON objects), each with a label. */
guint        mdk_project_get_n_bookmarks        (MdkProject  *project);
const char  *mdk_project_get_bookmark_label     (MdkProject  *project,
                                                 guint        index);
JsonNode    *mdk_project_get_bookmark_genome    (MdkProject  *project,
                                                 guint        index);
void         mdk_project_add_bookmark           (MdkProject  *project,
                                                 const char  *label,
                                                 JsonNode    *genome);
void         mdk_project_remove_bookmark        (MdkProject  *project,
                                                 guint        index);

/* From the file last loaded or saved: the Medaka version that wrote it
 * (PACKAGE_VERSION for a new project), its "saved" time (NULL if never
 * saved) and its format version before migration. */
const char  *mdk_project_get_medaka_version     (MdkProject  *project);
GDateTime   *mdk_project_get_saved              (MdkProject  *project);
int          mdk_project_get_loaded_version     (MdkProject  *project);

gboolean     mdk_project_save                   (MdkProject  *project,
                                                 GFile       *file,
                                                 GError     **error);
MdkProject  *mdk_project_load                   (GFile       *file,
                                                 GError     **error);

/* The same without a file: the gzip-compressed document, stamped now, and
 * a loader for gzip or plain bytes (the fuzz target's entry point). */
GBytes      *mdk_project_save_to_bytes          (MdkProject  *project,
                                                 GError     **error);
MdkProject  *mdk_project_load_from_bytes        (GBytes      *bytes,
                                                 GError     **error);

/* A JSON document checked as a project's is (UTF-8, depth, numbers in
 * range), with "Line L, column C: …" on syntax errors; NULL on error. */
JsonNode    *mdk_project_parse_json             (const char  *text,
                                                 gsize        len,
                                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdkProject, mdk_project_unref)

G_END_DECLS
