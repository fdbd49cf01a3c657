/* The maze navigation domain of Lehman & Stanley (2011, "Abandoning
 * Objectives: Evolution through the Search for Novelty Alone", Evolutionary
 * Computation 19 (2)), written from the definitions in the authors' maze
 * code (maze.h of their NEAT novelty-search code, e.g. the copy in
 * github.com/jal278/mazerobot-python): the same robot, sensors, motion and
 * collision rule, in double precision.
 *
 * A map is a text file of lines "start X Y HEADING", "goal X Y" and
 * "wall X1 Y1 X2 Y2" (docs/formats.md); "#" starts a comment.  Every error
 * names the line it was found on.  The built-in maps are compiled into the
 * program (core/mdk-core.gresource.xml), so they are found installed or
 * not. */
#define G_LOG_DOMAIN "medaka-task"

#include "config.h"

#include "mdk-maze.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mdk-core-resources.h"
#include "mdk-task.h"

#define RESOURCE_DIR "/io/github/medakastudio/Medaka/core/mazes/"

/* A user's map larger than this is not a map. */
#define MAX_FILE_BYTES (4 * 1024 * 1024)
/* Coordinates beyond this would only lose precision. */
#define MAX_COORDINATE 1e6
/* Tokens quoted in error messages are cut to this many characters. */
#define MAX_SHOWN_CHARS 40

const char * const mdk_maze_builtin_names[] = { "medium", "hard", NULL };

/* The rangefinders' directions relative to the heading (maze.h, class
 * Character): −90°, −45°, 0°, 45°, 90° and −180°, that is left,
 * front-left, front, front-right, right and back, as cosine and sine. */
static const double rangefinder_directions[MDK_MAZE_N_RANGEFINDERS][2] = {
  { 0.0, -1.0 }, { G_SQRT2 / 2, -G_SQRT2 / 2 }, { 1.0, 0.0 },
  { G_SQRT2 / 2, G_SQRT2 / 2 }, { 0.0, 1.0 }, { -1.0, 0.0 }
};

/* The radar's pie slices, [from, to) in degrees relative to the heading
 * (maze.h): front, right, back and left. */
static const double radar_slices[MDK_MAZE_N_RADARS][2] = {
  { 315.0, 405.0 }, { 45.0, 135.0 }, { 135.0, 225.0 }, { 225.0, 315.0 }
};

/* ---------------------------------------------------------------------------
 * Collisions, as maze.h defines them
 */

/* The squared distance from (x, y) to the nearest point of @wall (maze.h,
 * Line::distance, squared to spare the square root on every test). */
static double
wall_distance2 (const MdkMazeWall *wall,
                double             x,
                double             y)
{
  double dx = wall->x2 - wall->x1, dy = wall->y2 - wall->y1;
  double u = ((x - wall->x1) * dx + (y - wall->y1) * dy) / (dx * dx + dy * dy);
  double ax = x - wall->x1, ay = y - wall->y1, bx = x - wall->x2, by = y - wall->y2;
  double px, py;

  if (u < 0 || u > 1)
    return MIN (ax * ax + ay * ay, bx * bx + by * by);
  px = ax - u * dx;
  py = ay - u * dy;
  return px * px + py * py;
}

/**
 * mdk_maze_collides:
 *
 * Returns: whether a robot centred on (@x, @y) touches a wall: closer to
 *   one than its radius (maze.h, collide_lines).
 */
gboolean
mdk_maze_collides (const MdkMaze *maze,
                   double         x,
                   double         y)
{
  for (guint i = 0; i < maze->n_walls; i++)
    if (wall_distance2 (&maze->walls[i], x, y) < MDK_MAZE_ROBOT_RADIUS * MDK_MAZE_ROBOT_RADIUS)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------------
 * Reading a map
 */

typedef struct
{
  guint    line;
  gboolean seen;
} Seen;

static char *
shown_token (const char *token,
             gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (token, length);

  if (g_utf8_strlen (valid, -1) <= MAX_SHOWN_CHARS)
    return g_steal_pointer (&valid);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (valid, MAX_SHOWN_CHARS) - valid),
                          valid);
}

/* Reads @n numbers from @tokens into @out, or says which one is wrong. */
static gboolean
read_numbers (char  **tokens,
              guint   n_tokens,
              guint   n,
              guint   line,
              double *out,
              GError **error)
{
  if (n_tokens != n + 1)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   /* TRANSLATORS: %s is a keyword of the map format, e.g. “wall” */
                   g_dngettext (GETTEXT_PACKAGE, "Line %u: “%s” takes %u number, not %u",
                                "Line %u: “%s” takes %u numbers, not %u", n),
                   line, tokens[0], n, n_tokens - 1);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const char *token = tokens[i + 1];
      char *end = NULL;
      double v = g_ascii_strtod (token, &end);

      if (end == token || *end != '\0')
        {
          g_autofree char *shown = shown_token (token, strlen (token));
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       _("Line %u: expected a number but found “%s”"), line, shown);
          return FALSE;
        }
      if (!isfinite (v) || fabs (v) > MAX_COORDINATE)
        {
          g_autofree char *shown = shown_token (token, strlen (token));
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       _("Line %u: %s is out of range (numbers in a map are at most "
                         "1,000,000 in size)"), line, shown);
          return FALSE;
        }
      out[i] = v;
    }
  return TRUE;
}

static gboolean
check_once (Seen        *seen,
            guint        line,
            const char  *keyword,
            GError     **error)
{
  if (seen->seen)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   /* TRANSLATORS: %s is “start” or “goal”, keywords of the map format */
                   _("Line %u: a second “%s” line (the first is line %u)"),
                   line, keyword, seen->line);
      return FALSE;
    }
  seen->seen = TRUE;
  seen->line = line;
  return TRUE;
}

/* Whatever the walls, the robot must be able to leave the start. */
static gboolean
check_start (const MdkMaze *maze,
             const GArray  *wall_lines,
             guint          start_line,
             GError       **error)
{
  for (guint i = 0; i < maze->n_walls; i++)
    if (wall_distance2 (&maze->walls[i], maze->start_x, maze->start_y) <
        MDK_MAZE_ROBOT_RADIUS * MDK_MAZE_ROBOT_RADIUS)
      {
        g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                     _("Line %u: the start is closer to the wall of line %u than the "
                       "robot's radius (%g), so the robot could never move"),
                     start_line, g_array_index (wall_lines, guint, i), MDK_MAZE_ROBOT_RADIUS);
        return FALSE;
      }
  return TRUE;
}

static void
compute_bounds (MdkMaze *maze)
{
  maze->x0 = maze->y0 = G_MAXDOUBLE;
  maze->x1 = maze->y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < maze->n_walls; i++)
    {
      const MdkMazeWall *w = &maze->walls[i];

      maze->x0 = MIN (maze->x0, MIN (w->x1, w->x2));
      maze->x1 = MAX (maze->x1, MAX (w->x1, w->x2));
      maze->y0 = MIN (maze->y0, MIN (w->y1, w->y2));
      maze->y1 = MAX (maze->y1, MAX (w->y1, w->y2));
    }
}

/* Splits one line (without its comment) into whitespace-separated tokens. */
static char **
split_tokens (const char *start,
              gsize       length,
              guint      *n_tokens)
{
  GPtrArray *tokens = g_ptr_array_new ();
  gsize i = 0;

  while (i < length)
    {
      gsize begin;

      while (i < length && g_ascii_isspace (start[i]))
        i++;
      begin = i;
      while (i < length && !g_ascii_isspace (start[i]))
        i++;
      if (i > begin)
        g_ptr_array_add (tokens, g_strndup (start + begin, i - begin));
    }
  *n_tokens = tokens->len;
  g_ptr_array_add (tokens, NULL);
  return (char **) g_ptr_array_free (tokens, FALSE);
}

static gboolean
parse_line (MdkMaze     *maze,
            GArray      *walls,
            GArray      *wall_lines,
            Seen        *start,
            Seen        *goal,
            const char  *text,
            gsize        length,
            guint        line,
            GError     **error)
{
  const char *hash = memchr (text, '#', length);
  g_auto(GStrv) tokens = NULL;
  guint n_tokens;
  double v[4];

  tokens = split_tokens (text, hash != NULL ? (gsize) (hash - text) : length, &n_tokens);
  if (n_tokens == 0)
    return TRUE;

  if (g_str_equal (tokens[0], "start"))
    {
      if (!check_once (start, line, "start", error) ||
          !read_numbers (tokens, n_tokens, 3, line, v, error))
        return FALSE;
      maze->start_x = v[0];
      maze->start_y = v[1];
      maze->start_heading = fmod (v[2], 360.0);
      if (maze->start_heading < 0)
        maze->start_heading += 360.0;
    }
  else if (g_str_equal (tokens[0], "goal"))
    {
      if (!check_once (goal, line, "goal", error) ||
          !read_numbers (tokens, n_tokens, 2, line, v, error))
        return FALSE;
      maze->goal_x = v[0];
      maze->goal_y = v[1];
    }
  else if (g_str_equal (tokens[0], "wall"))
    {
      MdkMazeWall wall;

      if (!read_numbers (tokens, n_tokens, 4, line, v, error))
        return FALSE;
      /* The authors' distance to a wall of zero length is 0, so such a wall
       * would stop the robot everywhere. */
      if (v[0] == v[2] && v[1] == v[3])
        {
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       _("Line %u: the wall has zero length (both ends at %g, %g)"),
                       line, v[0], v[1]);
          return FALSE;
        }
      if (walls->len >= MDK_MAZE_MAX_WALLS)
        {
          g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                       _("Line %u: more than %u walls"), line, MDK_MAZE_MAX_WALLS);
          return FALSE;
        }
      wall = (MdkMazeWall) { v[0], v[1], v[2], v[3] };
      g_array_append_val (walls, wall);
      g_array_append_val (wall_lines, line);
    }
  else
    {
      g_autofree char *shown = shown_token (tokens[0], strlen (tokens[0]));
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("Line %u: unknown keyword “%s” (a line starts with start, goal or wall)"),
                   line, shown);
      return FALSE;
    }
  return TRUE;
}

/**
 * mdk_maze_new_from_text:
 * @text: a map in the text format of docs/formats.md
 * @length: its length in bytes
 * @error: where a bad map says what is wrong and on which line
 *
 * Returns: (transfer full): the map, or %NULL with @error set.
 */
MdkMaze *
mdk_maze_new_from_text (const char  *text,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(MdkMaze) maze = g_new0 (MdkMaze, 1);
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (MdkMazeWall));
  g_autoptr(GArray) wall_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  Seen start = { 0 }, goal = { 0 };
  const char *nul = memchr (text, '\0', length);
  gsize pos = 0;
  guint line = 1;

  if (nul != NULL)
    {
      guint at = 1;

      for (const char *p = text; p < nul; p++)
        at += *p == '\n';
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("Line %u: unexpected NUL byte; a map must be a text file"), at);
      return NULL;
    }

  while (pos < length)
    {
      const char *eol = memchr (text + pos, '\n', length - pos);
      gsize end = eol != NULL ? (gsize) (eol - text) : length;

      if (!parse_line (maze, walls, wall_lines, &start, &goal, text + pos, end - pos, line, error))
        return NULL;
      pos = end + 1;
      line++;
    }

  if (!start.seen)
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                           _("The map has no start: add a line “start X Y HEADING”"));
      return NULL;
    }
  if (!goal.seen)
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                           _("The map has no goal: add a line “goal X Y”"));
      return NULL;
    }
  if (walls->len == 0)
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                           _("The map has no walls: add lines “wall X1 Y1 X2 Y2”"));
      return NULL;
    }

  maze->n_walls = walls->len;
  maze->walls = (MdkMazeWall *) g_array_free (g_steal_pointer (&walls), FALSE);
  compute_bounds (maze);
  if (maze->x1 <= maze->x0 || maze->y1 <= maze->y0)
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                           _("The walls lie on one straight line across or up and down; "
                             "a map's walls must span an area"));
      return NULL;
    }
  if (!check_start (maze, wall_lines, start.line, error))
    return NULL;
  return g_steal_pointer (&maze);
}

static GBytes *
read_map_file (const char  *path,
               GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("The map file “%s” is larger than 4 MiB: it cannot be a map"), display);
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local))
    {
      g_set_error (error, MDK_TASK_ERROR, MDK_TASK_ERROR_DATA,
                   _("Cannot read the map file “%s”: %s"), display, local->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/**
 * mdk_maze_load:
 * @map: "medium", "hard", or the path of a map file
 * @error: where a bad map says what is wrong, in which file and on which
 *   line
 *
 * Returns: (transfer full): the map, or %NULL with @error set.
 */
MdkMaze *
mdk_maze_load (const char  *map,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  MdkMaze *maze;
  gsize length;
  const char *text;

  g_return_val_if_fail (map != NULL, NULL);

  if (map[0] == '\0')
    {
      g_set_error_literal (error, MDK_TASK_ERROR, MDK_TASK_ERROR_PARAMS,
                           _("No map: choose medium, hard or a map file"));
      return NULL;
    }
  if (g_strv_contains (mdk_maze_builtin_names, map))
    {
      g_autofree char *path = g_strconcat (RESOURCE_DIR, map, ".txt", NULL);

      bytes = g_resource_lookup_data (mdk_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                      NULL);
      /* The built-in maps are part of the program. */
      g_assert (bytes != NULL);
    }
  else if ((bytes = read_map_file (map, error)) == NULL)
    return NULL;

  text = g_bytes_get_data (bytes, &length);
  maze = mdk_maze_new_from_text (text, length, error);
  if (maze == NULL && !g_strv_contains (mdk_maze_builtin_names, map))
    {
      g_autofree char *display = g_filename_display_name (map);
      g_prefix_error (error, "%s: ", display);
    }
  return maze;
}

void
mdk_maze_free (MdkMaze *maze)
{
  if (maze == NULL)
    return;
  g_free (maze->walls);
  g_free (maze);
}

/* ---------------------------------------------------------------------------
 * Sensors, as maze.h defines them
 */

/* The distance from (x, y) along the unit vector (dx, dy) to the nearest
 * wall the ray crosses within the range, or the range itself (maze.h,
 * update_rangefinders: a segment of the range's length against each wall,
 * crossing strictly inside both).  The crossing is at (x1, y1) + r·w =
 * (x, y) + s·e with e the segment; r and s are compared as fractions
 * before dividing, since most walls miss. */
static double
range_along (const MdkMaze *maze,
             double         x,
             double         y,
             double         dx,
             double         dy)
{
  double ex = dx * MDK_MAZE_RANGEFINDER_RANGE, ey = dy * MDK_MAZE_RANGEFINDER_RANGE;
  double range = MDK_MAZE_RANGEFINDER_RANGE;

  for (guint i = 0; i < maze->n_walls; i++)
    {
      const MdkMazeWall *w = &maze->walls[i];
      double wx = w->x2 - w->x1, wy = w->y2 - w->y1;
      double den = wx * ey - wy * ex;
      double r = (w->y1 - y) * ex - (w->x1 - x) * ey;
      double s = (w->y1 - y) * wx - (w->x1 - x) * wy;

      if (den < 0)
        {
          den = -den;
          r = -r;
          s = -s;
        }
      /* den = 0: parallel. */
      if (r > 0 && r < den && s > 0 && s < den)
        range = MIN (range, s / den * MDK_MAZE_RANGEFINDER_RANGE);
    }
  return range;
}

/**
 * mdk_maze_rangefinder:
 * @direction: in degrees, in the map's frame
 *
 * Returns: the distance from (@x, @y) along @direction to the nearest wall
 *   within the rangefinder's range, or the range itself.
 */
double
mdk_maze_rangefinder (const MdkMaze *maze,
                      double         x,
                      double         y,
                      double         direction)
{
  double rad = direction * G_PI / 180.0;

  return range_along (maze, x, y, cos (rad), sin (rad));
}

/**
 * mdk_maze_radar_slice:
 *
 * Returns: which of the four radar slices (front, right, back, left) sees
 *   the goal from @robot (maze.h, update_radar).
 */
guint
mdk_maze_radar_slice (const MdkMaze      *maze,
                      const MdkMazeRobot *robot)
{
  double angle = atan2 (maze->goal_y - robot->y, maze->goal_x - robot->x) * 180.0 / G_PI
                 - robot->heading;

  angle = fmod (angle, 360.0);
  if (angle < 0)
    angle += 360.0;
  for (guint i = 0; i < MDK_MAZE_N_RADARS; i++)
    if ((angle >= radar_slices[i][0] && angle < radar_slices[i][1]) ||
        (angle + 360.0 >= radar_slices[i][0] && angle + 360.0 < radar_slices[i][1]))
      return i;
  return 0;   /* not reached: the slices cover the circle */
}

/* ---------------------------------------------------------------------------
 * The robot
 */

void
mdk_maze_robot_init (const MdkMaze *maze,
                     MdkMazeRobot  *robot)
{
  *robot = (MdkMazeRobot) {
    .x = maze->start_x,
    .y = maze->start_y,
    .heading = maze->start_heading,
  };
}

/**
 * mdk_maze_sense:
 * @inputs: (out): the network's inputs: the six rangefinders' distances
 *   divided by their range (maze.h, generate_neural_inputs), then the four
 *   radar slices, 1 for the one that sees the goal and 0 for the others.
 *
 * The authors' code writes the radar over the last rangefinder (it stores
 * radar j at inputs[i + j] after the loop over i); the network here sees
 * all ten, as the paper describes the robot.
 */
void
mdk_maze_sense (const MdkMaze      *maze,
                const MdkMazeRobot *robot,
                double              inputs[MDK_MAZE_N_INPUTS])
{
  guint slice = mdk_maze_radar_slice (maze, robot);
  double rad = robot->heading * G_PI / 180.0, c = cos (rad), s = sin (rad);

  /* Each direction turned by the heading. */
  for (guint i = 0; i < MDK_MAZE_N_RANGEFINDERS; i++)
    {
      const double *d = rangefinder_directions[i];

      inputs[i] = range_along (maze, robot->x, robot->y, c * d[0] - s * d[1], s * d[0] + c * d[1]) /
                  MDK_MAZE_RANGEFINDER_RANGE;
    }
  for (guint i = 0; i < MDK_MAZE_N_RADARS; i++)
    inputs[MDK_MAZE_N_RANGEFINDERS + i] = i == slice ? 1.0 : 0.0;
}

/**
 * mdk_maze_robot_step:
 * @turn: the network's first output, in [0, 1]
 * @speed: its second output
 *
 * One time step (maze.h, interpret_outputs and Update): the outputs
 * accelerate, angular velocity += turn − 0.5 and speed += speed − 0.5, both
 * clamped to ±3; the robot moves along its old heading by its speed, then
 * turns; a move that would bring it within its radius of a wall is not
 * made (it stays, keeping its speed).  A robot within the goal radius
 * afterwards has reached the goal and moves no more.
 */
void
mdk_maze_robot_step (const MdkMaze *maze,
                     MdkMazeRobot  *robot,
                     double         turn,
                     double         speed)
{
  double rad, nx, ny;

  if (robot->reached)
    return;
  robot->angular_velocity = CLAMP (robot->angular_velocity + (turn - 0.5),
                                   -MDK_MAZE_MAX_SPEED, MDK_MAZE_MAX_SPEED);
  robot->speed = CLAMP (robot->speed + (speed - 0.5), -MDK_MAZE_MAX_SPEED, MDK_MAZE_MAX_SPEED);

  rad = robot->heading * G_PI / 180.0;
  nx = robot->x + cos (rad) * robot->speed;
  ny = robot->y + sin (rad) * robot->speed;
  robot->heading += robot->angular_velocity;
  if (robot->heading > 360)
    robot->heading -= 360;
  if (robot->heading < 0)
    robot->heading += 360;
  if (!mdk_maze_collides (maze, nx, ny))
    {
      robot->x = nx;
      robot->y = ny;
    }
  if (mdk_maze_goal_distance (maze, robot) < MDK_MAZE_GOAL_RADIUS)
    robot->reached = TRUE;
}

double
mdk_maze_goal_distance (const MdkMaze      *maze,
                        const MdkMazeRobot *robot)
{
  return hypot (robot->x - maze->goal_x, robot->y - maze->goal_y);
}
