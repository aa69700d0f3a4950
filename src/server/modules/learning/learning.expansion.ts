/**
 * Who an assignment reaches, worked out when it is read. An assignment names a
 * person, a position (everyone holding it), a unit (everyone in it or below it),
 * or a position within a unit; nothing is copied per person, so a joiner of the
 * position or unit is assigned the moment they exist, and someone who moves away
 * drops out, as does someone who left (`left_at`); their completions stay.
 *
 * `assignedCtes(people)` is the text of WITH RECURSIVE common table expressions over
 * the organisation `$1`, for the employees (alias `e`) that the SQL condition
 * `people` admits (a narrower set is cheaper to expand):
 *   unit_up(unit_id, ancestor_id)  every unit with itself and each unit above it
 *   reach(assignment_id, item_id, due_on, employee_id)  one row per assignment and person reached
 *   assigned(employee_id, item_id, due_on)  one row per person and active item (earliest due day)
 * Queries append their own CTEs with a comma and then their SELECT.
 */
export const assignedCtes = (people = 'true'): string => `WITH RECURSIVE
  unit_up(unit_id, ancestor_id) AS (
    SELECT id, id FROM units WHERE org_id = $1
    UNION ALL
    SELECT up.unit_id, u.parent_id FROM unit_up up JOIN units u ON u.org_id = $1 AND u.id = up.ancestor_id WHERE u.parent_id IS NOT NULL
  ),
  reach AS (
    SELECT a.id AS assignment_id, a.item_id, a.due_on, e.id AS employee_id
      FROM learning_assignments a JOIN employees e ON e.org_id = a.org_id AND e.id = a.employee_id
     WHERE a.org_id = $1 AND a.employee_id IS NOT NULL AND e.left_at IS NULL AND ${people}
    UNION ALL
    SELECT a.id, a.item_id, a.due_on, e.id
      FROM learning_assignments a
      JOIN unit_up up ON up.ancestor_id = a.unit_id
      JOIN employees e ON e.org_id = a.org_id AND e.unit_id = up.unit_id
     WHERE a.org_id = $1 AND a.unit_id IS NOT NULL AND (a.position_id IS NULL OR e.position_id = a.position_id) AND e.left_at IS NULL AND ${people}
    UNION ALL
    SELECT a.id, a.item_id, a.due_on, e.id
      FROM learning_assignments a JOIN employees e ON e.org_id = a.org_id AND e.position_id = a.position_id
     WHERE a.org_id = $1 AND a.unit_id IS NULL AND a.position_id IS NOT NULL AND e.left_at IS NULL AND ${people}
  ),
  assigned AS (
    SELECT r.employee_id, r.item_id, min(r.due_on) AS due_on
      FROM reach r JOIN learning_items i ON i.org_id = $1 AND i.id = r.item_id AND i.active
     GROUP BY r.employee_id, r.item_id
  )`;
