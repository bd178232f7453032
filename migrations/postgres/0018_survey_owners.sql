-- A survey belongs to a department, whose officers and head build, publish,
-- close, re-open and export it (existing ones go to media relations).
ALTER TABLE surveys ADD COLUMN department_id BIGINT NULL REFERENCES departments(id);
UPDATE surveys SET department_id = (SELECT id FROM departments WHERE code = 'MEDIA');
