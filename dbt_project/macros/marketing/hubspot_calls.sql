{#- HubSpot's default call dispositions are GUIDs; custom ones pass through as their id. -#}
{% macro hubspot_call_outcome(disposition_id) -%}
    case {{ disposition_id }}
        when 'f240bbac-87c9-4f6e-bf70-924b57d47db7' then 'connected'
        when '73a0d17f-1163-4015-bdd5-ec830791da20' then 'no_answer'
        when 'b2cf5968-551e-4856-9783-52b3da59a7d0' then 'left_voicemail'
        when 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff' then 'left_live_message'
        when '9d9162e7-6cf3-4944-bf63-4dff82258764' then 'busy'
        when '17b47fee-58de-441e-a44c-c6300d46f273' then 'wrong_number'
        else {{ disposition_id }}
    end
{%- endmacro %}
