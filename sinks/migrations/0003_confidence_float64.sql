-- Store confidence as Float64, so that GET /classifications/{audit_id}
-- returns exactly the value POST /classify returned (Float32 rounded it).
ALTER TABLE classifications MODIFY COLUMN confidence Float64;
