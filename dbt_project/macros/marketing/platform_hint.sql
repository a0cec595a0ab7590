{#- Which campaign platform a tagged visit came from: the click id names the ad platform;
    without one, the utm tags. NULL when nothing says (no campaign lookup then). -#}
{% macro campaign_platform_hint(click_id_type, utm_source, utm_medium) -%}
    case
        when {{ click_id_type }} = 'gclid' then 'google_ads'
        when {{ click_id_type }} = 'fbclid' then 'meta_ads'
        when {{ click_id_type }} = 'li_fat_id' then 'linkedin_ads'
        when {{ utm_medium }} = 'email' then 'sendgrid'
        when {{ utm_source }} in ('google', 'adwords') and {{ utm_medium }} in ('cpc', 'ppc', 'paidsearch')
            then 'google_ads'
        when {{ utm_source }} in ('facebook', 'fb', 'instagram', 'meta') then 'meta_ads'
        when {{ utm_source }} = 'linkedin' then 'linkedin_ads'
    end
{%- endmacro %}
